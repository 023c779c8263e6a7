// What both top-K tables share: how many items to show, a 1-5 star rating select per row, the note on order, and
// the two number columns.
import type { Recommendation, RecommendedItem } from './types.ts';

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

/** How a list is ordered, shown as its table's caption. */
export function orderNote(list: Pick<Recommendation, 'source'>): string {
  if (list.source === 'popularity') return 'Most rated first (the number is how many ratings the item has).';
  if (list.source === 'batch') return 'From the last batch run, best first.';
  return (
    'Ordered by ranking score: the model’s unclipped predicted rating plus a popularity bonus that grows with ' +
    'how many people rated the item (0 when the model ranks by rating alone); the predicted rating is clipped ' +
    'to the rating range.'
  );
}

/** The header of the column a list is ordered by: a popularity list ranks by how many ratings an item has. */
export const rankingHeader = (list: Pick<Recommendation, 'source'>): string =>
  list.source === 'popularity' ? 'Ratings' : 'Ranking score';

/** A row's ranking and predicted-rating cells: a popularity list's score is a rating count, and it predicts nothing. */
export function scoreCells(list: Pick<Recommendation, 'source'>, item: RecommendedItem): [string, string] {
  if (list.source === 'popularity') return [String(item.score), '–'];
  return [item.rankingScore?.toFixed(3) ?? '–', item.score.toFixed(3)];
}
