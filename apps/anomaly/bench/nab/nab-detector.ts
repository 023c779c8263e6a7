// Runs the app's streaming series detector over one NAB file and reports its anomaly level as NAB's anomaly_score.
import { createRng } from '@suite/shared/ml';
import { createSeriesDetector, type SeriesDetectorOptions } from '../../src/stream/series-detector.ts';

export interface NabDetectorOptions extends SeriesDetectorOptions {
  seed?: number;
}

/**
 * Each point is scored before the detector learns from it. The level is already comparable across series (a
 * log-scaled tail probability, 1 for a value beyond the window's range), which NAB's one corpus-wide threshold
 * needs; warming-up points score 0.
 */
export function runNabDetector(
  timestamps: Float64Array,
  values: Float64Array,
  options: NabDetectorOptions = {},
): Float64Array {
  const { seed = 1, ...detectorOptions } = options;
  const detector = createSeriesDetector(createRng(seed), detectorOptions);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = detector.push(timestamps[i]!, values[i]!).level ?? 0;
  return out;
}
