// The series the app has seen, newest activity shown, one button each; the selected one is pressed.
import { count } from '@suite/console/web/count.ts';
import type { SeriesSummary } from './types.ts';

export interface SeriesListProps {
  series: SeriesSummary[] | undefined;
  error: string | undefined;
  selected: string | undefined;
  onSelect(id: string): void;
}

export function SeriesList({ series, error, selected, onSelect }: SeriesListProps) {
  return (
    <section class="panel" aria-labelledby="series-heading">
      <h2 id="series-heading">Series</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {series === undefined && !error && <p class="muted">Loading…</p>}
      {series?.length === 0 && (
        <p class="muted">No series yet. Post points to /api/metrics and they appear here.</p>
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
