// What both top-K tables share: how many items to show, a 1-5 star rating select per row and where the keyboard goes
// after a rating, the note on order, and the two number columns.
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
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

/**
 * A select that reports a rating the moment one is picked with the mouse, then shows "–" again. Arrow keys on a
 * closed select change its value at every press: picked with the keyboard, the rating is sent with Enter, so a
 * keyboard user going down to one star does not rate five first.
 */
export function RatingSelect({
  label,
  onRate,
}: {
  label: string;
  onRate(rating: number, select: HTMLSelectElement): void;
}) {
  const [picked, setPicked] = useState('');
  const keyed = useRef(false);
  const send = (select: HTMLSelectElement, value: string) => {
    keyed.current = false;
    setPicked('');
    onRate(Number(value), select);
  };
  return (
    <select
      aria-label={label}
      title="Pick a rating (with the keyboard: arrow keys, then Enter)"
      value={picked}
      onMouseDown={() => (keyed.current = false)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          if (picked) send(e.currentTarget, picked);
        } else if (e.key !== 'Tab' && e.key !== 'Shift') keyed.current = true;
      }}
      onChange={(e) => {
        const { value } = e.currentTarget;
        if (keyed.current) setPicked(value);
        else if (value) send(e.currentTarget, value);
      }}
      onBlur={() => {
        keyed.current = false;
        setPicked('');
      }}
    >
      <option value="">–</option>
      {[5, 4, 3, 2, 1].map((r) => (
        <option key={r} value={r}>
          {'★'.repeat(r)} {r}
        </option>
      ))}
    </select>
  );
}

/**
 * A rated item leaves its list, its select with it, and the keyboard's focus fell back to the page. Call `rated`
 * with the select used; once `list` is drawn again without it, the focus goes to the rating select now in that row
 * (the next item, or the last row's when it was the last), or to `fallback` when no row is left.
 */
export function useRatingFocus(
  list: unknown,
  fallback: RefObject<HTMLElement | null>,
): (select: HTMLSelectElement) => void {
  const pending = useRef<{ select: HTMLSelectElement; body: Element; row: number } | undefined>(undefined);
  useEffect(() => {
    const at = pending.current;
    if (!at) return;
    pending.current = undefined;
    if (at.select.isConnected) return;
    const rows = at.body.querySelectorAll('tr');
    const row = rows[at.row] ?? rows[rows.length - 1];
    (row?.querySelector('select') ?? fallback.current)?.focus();
  }, [list]);
  return (select) => {
    const tr = select.closest('tr');
    if (tr?.parentElement) pending.current = { select, body: tr.parentElement, row: tr.sectionRowIndex };
  };
}

type ListKind = Pick<Recommendation, 'source' | 'modelKind'>;

/**
 * How a list is ordered, shown above its table (a paragraph, not a caption: a caption is as wide as its table, so on
 * a phone the sentence ran past the panel's edge).
 */
export function orderNote(list: ListKind): string {
  if (list.source === 'popularity') return 'Most rated first (the number is how many ratings the item has).';
  if (list.source === 'batch') return 'From the last batch run, best first.';
  if (list.modelKind === 'ials')
    return (
      'Ordered by preference: how strongly the iALS model expects the user to pick the item, from 0 to 1, ' +
      'learned from who rated or clicked what; not a rating on the 1-5 scale.'
    );
  return (
    'Ordered by ranking score: the model’s unclipped predicted rating plus a popularity bonus that grows with ' +
    'how many people rated the item (0 when the model ranks by rating alone); the predicted rating is clipped ' +
    'to the rating range.'
  );
}

/** The header of the column a list is ordered by: a popularity list ranks by how many ratings an item has. */
export const rankingHeader = (list: Pick<Recommendation, 'source'>): string =>
  list.source === 'popularity' ? 'Ratings' : 'Ranking score';

/** The header of the column of a row's own score: an iALS model predicts a preference, not a rating. */
export const scoreHeader = (list: ListKind | undefined): string =>
  list?.modelKind === 'ials' ? 'Preference (0 to 1)' : 'Predicted rating';

/** The note above a list's table, read by screen readers as the table's description. */
export function OrderNote({ list }: { list: ListKind }) {
  return (
    <p class="muted" id="order-note" data-testid="order-note">
      {orderNote(list)}
    </p>
  );
}

/** A row's ranking and predicted-rating cells: a popularity list's score is a rating count, and it predicts nothing. */
export function scoreCells(list: Pick<Recommendation, 'source'>, item: RecommendedItem): [string, string] {
  if (list.source === 'popularity') return [String(item.score), '–'];
  return [item.rankingScore?.toFixed(3) ?? '–', item.score.toFixed(3)];
}
