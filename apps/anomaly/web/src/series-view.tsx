// One series: its values, anomalous points, scores, the mean of the last 20 against its threshold and incident spans,
// refreshed every few seconds.
import { count } from '@suite/console/web/count.ts';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '@suite/console/web/api.ts';
import { TimeChart } from '@suite/console/web/time-chart.tsx';
import { usePolling } from '@suite/console/web/use-polling.ts';
import { RANGES, shownIn, toChartData } from './chart-data.ts';
import { IncidentsTable } from './incidents-table.tsx';
import type { Incident, ScoredPoint, SeriesSummary } from './types.ts';

const REFRESH_MS = 4000;
const CHART_SERIES = [
  { label: 'value', stroke: '#1d4ed8', width: 1.5, scale: 'value' },
  {
    label: 'anomaly',
    stroke: '#dc2626',
    width: 0,
    scale: 'value',
    points: { show: true, size: 9, fill: '#dc2626' },
  },
  { label: 'score', stroke: '#c4b5fd', width: 1, scale: 'score' },
  { label: 'mean of 20 scores', stroke: '#7e22ce', width: 1.5, scale: 'score' },
  { label: 'threshold (of the mean)', stroke: '#f59e0b', width: 1.5, dash: [6, 4], scale: 'score' },
];
const AXES = [
  {},
  { scale: 'value', label: 'value' },
  { scale: 'score', side: 1, label: 'score', grid: { show: false } },
];

const fmtTime = (seconds: number) => new Date(seconds * 1000).toLocaleString();

export function SeriesView({ summary }: { summary: SeriesSummary }) {
  const [rangeSeconds, setRangeSeconds] = useState(RANGES[2]!.seconds);
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const id = encodeURIComponent(summary.id);
  const windowQuery = useMemo(() => {
    if (rangeSeconds === 0 || !summary.lastPointAt) return '';
    const to = Date.parse(summary.lastPointAt) + 1;
    return `&from=${new Date(to - rangeSeconds * 1000).toISOString()}`;
  }, [rangeSeconds, summary.lastPointAt]);
  const polled = usePolling(
    async () => {
      const [scores, incidents] = await Promise.all([
        api<{ scores: ScoredPoint[] }>(`/api/series/${id}/scores?limit=10000${windowQuery}`),
        api<{ incidents: Incident[] }>(`/api/series/${id}/incidents?limit=1000${windowQuery}`),
      ]);
      return { points: scores.scores, incidents: incidents.incidents };
    },
    REFRESH_MS,
    [id, windowQuery],
  );
  const chart = useMemo(
    () => toChartData(polled.value?.points ?? [], polled.value?.incidents ?? []),
    [polled.value],
  );
  const xs = chart.data[0] as number[];
  // The summary follows the zoom: it said every loaded point was shown while the chart drew a tenth of them.
  const shown = shownIn(chart, zoom);
  // "Zoom out" and "Show all" are disabled once the whole window shows, and a disabled button drops the keyboard's
  // focus to the page: it goes on to "Zoom in" then.
  const zoomIn = useRef<HTMLButtonElement>(null);
  const unzoomedByButton = useRef(false);
  const unzoom = () => {
    unzoomedByButton.current = true;
    setZoom(null);
  };
  useEffect(() => {
    if (zoom !== null || !unzoomedByButton.current) return;
    unzoomedByButton.current = false;
    const at = document.activeElement;
    if (!at || at === document.body || (at as HTMLButtonElement).disabled) zoomIn.current?.focus();
  }, [zoom]);
  const zoomBy = (factor: number) => {
    const [min, max] = zoom ?? [xs[0] ?? 0, xs[xs.length - 1] ?? 0];
    const middle = (min + max) / 2;
    const half = ((max - min) / 2) * factor;
    if (half > 0) setZoom([middle - half, middle + half]);
    else unzoom();
  };

  return (
    <>
      <section class="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">{summary.id}</h2>
        <div class="row">
          <label>
            Window
            <select
              value={rangeSeconds}
              onChange={(e) => {
                setRangeSeconds(Number(e.currentTarget.value));
                setZoom(null);
              }}
            >
              {RANGES.map((r) => (
                <option key={r.seconds} value={r.seconds}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            class="secondary"
            ref={zoomIn}
            onClick={() => zoomBy(0.5)}
            disabled={xs.length < 2}
          >
            Zoom in
          </button>
          <button type="button" class="secondary" onClick={() => zoomBy(2)} disabled={!zoom}>
            Zoom out
          </button>
          <button type="button" class="secondary" onClick={unzoom} disabled={!zoom}>
            Show all
          </button>
          <span class="muted" aria-live="polite">
            {zoom ? `Zoomed: ${fmtTime(zoom[0])} – ${fmtTime(zoom[1])}` : 'Drag over the chart to zoom'}
          </span>
        </div>
        {polled.error && (
          <p class="error" role="alert">
            {polled.error}
          </p>
        )}
        <TimeChart
          label={`${summary.id}: values with anomalous points in red, scores and their 20-point mean against its threshold, incidents shaded`}
          data={chart.data}
          series={CHART_SERIES}
          axes={AXES}
          scales={{ value: {}, score: {} }}
          spans={chart.spans}
          xRange={zoom}
          onZoom={setZoom}
          height={320}
        />
        <p class="muted" data-testid="chart-summary">
          {count(shown.points, 'point')} shown{zoom ? ` (of ${xs.length})` : ''}, {shown.anomalies} anomalous,{' '}
          {count(shown.incidents, 'incident')}
        </p>
        <p class="muted" data-testid="chart-rule">
          A point is anomalous when the mean of its last 20 scores crosses the threshold (or falls as far
          below the usual mean), or when its value lies beyond the range of the series&apos; recent values. A
          one-point spike inside that range moves the mean by a twentieth of its score&apos;s excess, so it is
          not flagged.
        </p>
      </section>
      <section class="panel" aria-labelledby="anomalies-heading">
        <h2 id="anomalies-heading">Anomalous points</h2>
        {chart.anomalies.length === 0 ? (
          <p class="muted">None in this window.</p>
        ) : (
          /* Stacked on a phone (base.css), as the incidents table is: at 390 px its columns scrolled sideways. */
          <table class="stacked">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Value</th>
                <th scope="col">Score</th>
                <th scope="col">Mean of 20</th>
                <th scope="col">Threshold</th>
                <th scope="col">z</th>
              </tr>
            </thead>
            <tbody>
              {chart.anomalies.slice(-50).map((p) => (
                <tr key={p.timestamp}>
                  <td>{new Date(p.timestamp).toLocaleString()}</td>
                  <td data-label="Value">{Number(p.value.toPrecision(4))}</td>
                  <td data-label="Score">{p.score?.toFixed(3)}</td>
                  <td data-label="Mean of 20">{p.mean?.toFixed(3)}</td>
                  <td data-label="Threshold">{p.threshold?.toFixed(3)}</td>
                  <td data-label="z">{p.z?.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <IncidentsTable incidents={polled.value?.incidents ?? []} webhook={summary.webhookUrl} />
    </>
  );
}
