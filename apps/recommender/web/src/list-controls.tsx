// Controls both top-K tables use: how many items to show, and a 1-5 star rating select per row.

export function HowMany({ k, onChange }: { k: number; onChange(k: number): void }) {
  return (
    <label>
      How many
      <select value={k} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {[5, 10, 20].map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A select that reports a rating the moment one is chosen, then shows "–" again. */
export function RatingSelect({ label, onRate }: { label: string; onRate(rating: number): void }) {
  return (
    <select aria-label={label} value="" onChange={(e) => onRate(Number(e.currentTarget.value))}>
      <option value="">–</option>
      {[5, 4, 3, 2, 1].map((r) => (
        <option key={r} value={r}>
          {'★'.repeat(r)} {r}
        </option>
      ))}
    </select>
  );
}
