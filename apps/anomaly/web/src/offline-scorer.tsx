// Offline scoring of one series: the page downloads the served model and the recent points once
// (GET /api/edge/series/{id}) and scores values typed here in the browser with the server's own scoring code
// (src/edge/device-detector.ts). Nothing typed here is sent or stored.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import { createDeviceDetector, type DeviceDetector } from '../../src/edge/device-detector.ts';
import type { EdgeSeriesBundle } from '../../src/edge/edge-series.ts';
import { tryParseTypedValue } from './typed-value.ts';

interface Scored {
  timestampMs: number;
  value: number;
  score: number | null;
  z: number | null;
  verdict: string;
}

/** The usual spacing of the downloaded points (their median gap), for the time of the next typed value. */
function medianStep(bundle: EdgeSeriesBundle): number {
  const gaps = bundle.history.slice(1).map((p, i) => p.timestampMs - bundle.history[i]!.timestampMs);
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 60_000;
}

/** Props of {@link OfflineScorer}: the series, and whether it has a served model yet (none while warming up). */
export interface OfflineScorerProps {
  series: string;
  hasModel: boolean;
}

export function OfflineScorer({ series, hasModel }: OfflineScorerProps) {
  const [device, setDevice] = useState<{ detector: DeviceDetector; step: number } | undefined>();
  const [rows, setRows] = useState<Scored[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  // "Download the model" goes once the model is here, and "Score here" is disabled once its value is scored: the
  // keyboard goes on to the field for the next value instead of falling back to the top of the page.
  const nextValue = useRef<HTMLInputElement>(null);
  useEffect(() => nextValue.current?.focus(), [device]);

  async function download() {
    setError(undefined);
    try {
      const bundle = await api<EdgeSeriesBundle>(`/api/edge/series/${encodeURIComponent(series)}`);
      setDevice({ detector: createDeviceDetector(bundle), step: medianStep(bundle) });
      setRows([]);
    } catch (failure) {
      setError(describeError(failure));
    }
  }

  function score(event: Event) {
    event.preventDefault();
    if (!device) return;
    const typed = tryParseTypedValue(text);
    if ('error' in typed) {
      setError(typed.error);
      return;
    }
    const { value } = typed;
    setError(undefined);
    const timestampMs = (device.detector.last()?.timestampMs ?? Date.now()) + device.step;
    const r = device.detector.score(timestampMs, value);
    setRows((all) => [...all, { timestampMs, value, score: r.score, z: r.z, verdict: r.verdict }]);
    setText('');
    nextValue.current?.focus();
  }

  return (
    <section class="panel" aria-labelledby="offline-heading">
      <h2 id="offline-heading">Score on this device</h2>
      <p class="muted">
        Downloads this series' model and its last points once, then scores values you type here in the
        browser, exactly as the app would score them next: nothing you type is sent or stored.
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!device && !hasModel ? (
        // The download would only be refused (409): say why here instead of offering it.
        <p class="muted">No model to download yet: the series is still warming up.</p>
      ) : !device ? (
        <button type="button" onClick={() => void download()}>
          Download the model
        </button>
      ) : (
        <>
          <p class="muted">
            Model <code>{device.detector.modelVersion}</code>; each value is scored as the next point, one
            step ({Math.round(device.step / 1000)} s) after the last.
          </p>
          <form class="row" onSubmit={score}>
            <label>
              Next value
              <input
                ref={nextValue}
                inputMode="decimal"
                value={text}
                size={10}
                onInput={(e) => setText(e.currentTarget.value)}
              />
            </label>
            <button type="submit" disabled={text.trim() === ''}>
              Score here
            </button>
          </form>
          {rows.length > 0 && (
            <table data-testid="offline-scores">
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Value</th>
                  <th scope="col">Score</th>
                  <th scope="col">z</th>
                  <th scope="col">Verdict</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.timestampMs}
                    data-timestamp={new Date(r.timestampMs).toISOString()}
                    data-score={String(r.score)}
                    data-z={String(r.z)}
                    data-verdict={r.verdict}
                  >
                    <td>{new Date(r.timestampMs).toISOString().replace('T', ' ').slice(0, 19)}</td>
                    <td>{r.value}</td>
                    <td>{r.score === null ? '–' : r.score.toFixed(4)}</td>
                    <td>{r.z === null ? '–' : r.z.toFixed(2)}</td>
                    <td>{r.verdict === 'anomaly' ? <span class="badge bad">anomaly</span> : r.verdict}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
