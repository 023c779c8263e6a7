// The series the app has seen, newest activity shown, one button each; the selected one is pressed.
import { count } from '@suite/console/web/count.ts';
import { SERIES_PAGE_SIZE } from './series-page.ts';
import type { SeriesSummary } from './types.ts';

export interface SeriesListProps {
  series: SeriesSummary[] | undefined;
  /** More series match than are listed. */
  more: boolean;
  /** The id prefix typed in the filter ('' for every series). */
  filter: string;
  onFilter(prefix: string): void;
  error: string | undefined;
  selected: string | undefined;
  onSelect(id: string): void;
}

export function SeriesList({ series, more, filter, onFilter, error, selected, onSelect }: SeriesListProps) {
  return (
    <section class="panel" aria-labelledby="series-heading">
      <h2 id="series-heading">Series</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <label>
        Filter
        <input
          type="search"
          value={filter}
          placeholder="id starts with…"
          maxLength={128}
          onInput={(e) => onFilter((e.target as HTMLInputElement).value)}
        />
      </label>
      {series === undefined && !error && <p class="muted">Loading…</p>}
      {series?.length === 0 && !filter && (
        <p class="muted">No series yet. Post points to /api/metrics and they appear here.</p>
      )}
      {series?.length === 0 && filter && <p class="muted">No series id starts with {filter}.</p>}
      {more && (
        <p class="muted" role="status">
          The first {SERIES_PAGE_SIZE.toLocaleString('en')} series{filter ? ` starting with ${filter}` : ''}{' '}
          by id are listed; more exist. Type the start of an id to find the others.
        </p>
      )}
      <ul class="plain">
        {series?.map((s) => (
          <li key={s.id}>
            <button type="button" aria-pressed={s.id === selected} onClick={() => onSelect(s.id)}>
              <strong>{s.id}</strong>{' '}
              {s.anomalyCount > 0 && (
                <span class="badge bad">{count(s.anomalyCount, 'anomaly', 'anomalies')}</span>
              )}
              <br />
              <span class="muted">
                {count(s.pointCount, 'point')}
                {s.lastPointAt ? ` · last ${new Date(s.lastPointAt).toLocaleString()}` : ''}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
