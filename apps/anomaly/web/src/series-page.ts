// The series the list shows (a page, filtered by id prefix) and the selected one, even when the page leaves it out.
import { api } from '@suite/console/web/api.ts';
import { SERIES_ID_PATTERN } from '../../src/service/point-validation.ts';
import type { SeriesSummary } from './types.ts';

/** Series listed at once (GET /api/series allows 1,000): a longer list of buttons is scrolled, not read; the filter finds the rest. */
export const SERIES_PAGE_SIZE = 200;

export interface SeriesPage {
  series: SeriesSummary[];
  /** More series match than the page holds (the list says so and asks for a narrower filter). */
  more: boolean;
  /** The selected series, from the page or read alone; undefined when there is no such series. */
  chosen: SeriesSummary | undefined;
}

type Listed = { series: SeriesSummary[]; next: string | null };

const byPrefix = (prefix: string, limit: number) =>
  api<Listed>(`/api/series?limit=${limit}&prefix=${encodeURIComponent(prefix)}`);

/**
 * Why: with more series than a page, the list ended at the 1,000th id (the page size then), and a series selected by URL beyond it was
 * answered "No series named ..." although it existed. The selected one is now read alone (its whole id as the
 * prefix: it sorts first among the ids it begins), and the page says when it holds only the first matches.
 */
export async function loadSeriesPage(filter: string, selected: string | undefined): Promise<SeriesPage> {
  const page = filter
    ? await byPrefix(filter, SERIES_PAGE_SIZE)
    : await api<Listed>(`/api/series?limit=${SERIES_PAGE_SIZE}`);
  let chosen = selected === undefined ? undefined : page.series.find((s) => s.id === selected);
  if (selected !== undefined && chosen === undefined && SERIES_ID_PATTERN.test(selected))
    chosen = (await byPrefix(selected, 1)).series.find((s) => s.id === selected);
  return { series: page.series, more: page.next !== null, chosen };
}
