// Runs the streaming series detector over one NAB file and maps its output to NAB's anomaly_score in [0, 1].
import { createRng } from '@suite/shared/ml';
import { createSeriesDetector, type SeriesDetectorOptions } from '../../src/stream/series-detector.ts';

export interface NabDetectorOptions extends SeriesDetectorOptions {
  seed?: number;
  /** Points after an alarm whose scores are damped, so one event raises one detection. */
  cooldown?: number;
  /**
   * Extra quiet points after an alarm per alarm per 1,000 points the series has raised so far: a series that
   * alarms often (noisy, or one long incident) is damped longer, a quiet one keeps the plain `cooldown`.
   */
  adaptiveCooldown?: number;
  /** When set, the NAB score is the rank of z among the last `rankWindow` z values (ties broken by z). */
  rankWindow?: number;
}

/**
 * Each point is scored before the detector learns from it. NAB sweeps one threshold over all 58 files, so the
 * score must mean the same in every series: with `rankWindow`, it is 0.9 x the rank of z among that series'
 * recent z values (1 = a new high) + 0.1 x a logistic of z (tie-break); without it, the logistic alone. After
 * an anomaly verdict the next `cooldown` points score zero, since NAB charges every extra detection outside a
 * window as a false positive while only the first one inside a window counts.
 */
export function runNabDetector(
  timestamps: Float64Array,
  values: Float64Array,
  options: NabDetectorOptions = {},
): Float64Array {
  const { seed = 1, cooldown = 0, adaptiveCooldown = 0, rankWindow = 0, ...detectorOptions } = options;
  const ring = new Float64Array(Math.max(1, rankWindow));
  let ringCount = 0;
  const detector = createSeriesDetector(createRng(seed), detectorOptions);
  const out = new Float64Array(values.length);
  const zThreshold = detector.options.zThreshold;
  let quietUntil = -1;
  let alarms = 0;
  for (let i = 0; i < values.length; i++) {
    const r = detector.push(timestamps[i]!, values[i]!);
    if (r.z === null) continue;
    const logistic = 1 / (1 + Math.exp(-(r.z - zThreshold)));
    let value = logistic;
    if (rankWindow > 0) {
      let below = 0;
      for (let k = 0; k < ringCount; k++) if (ring[k]! < r.z) below++;
      value = ringCount > 0 ? 0.9 * (below / ringCount) + 0.1 * logistic : 0;
      ring[ringCount < rankWindow ? ringCount++ : i % rankWindow] = r.z;
    }
    if (i <= quietUntil) continue;
    out[i] = value;
    if (r.verdict === 'anomaly' && (cooldown > 0 || adaptiveCooldown > 0)) {
      alarms++;
      quietUntil = i + cooldown + Math.round((adaptiveCooldown * alarms * 1000) / (i + 1));
    }
  }
  return out;
}
