// A series scored on the device: the served model and recent points from an EdgeSeriesBundle, and the server's own
// scoring (score-after-history.ts) for each new value. Nothing here touches the network or stores anything.
import { decodeSeriesModel } from '../service/series-model-codec.ts';
import { SCORING_HISTORY, scoreAfterHistory, type StoredPoint } from '../stream/score-after-history.ts';
import type { PointResult } from '../stream/series-detector.ts';
import type { EdgeSeriesBundle } from './edge-series.ts';

export interface DeviceDetector {
  readonly series: string;
  readonly modelVersion: string;
  /** Newest point known on the device (downloaded or scored here). */
  last(): StoredPoint | undefined;
  /** Scores a value after every earlier point, as POST /api/metrics would; the time must be after last(). */
  score(timestampMs: number, value: number): PointResult;
}

export function createDeviceDetector(bundle: EdgeSeriesBundle): DeviceDetector {
  const model = decodeSeriesModel(Uint8Array.from(atob(bundle.model), (c) => c.charCodeAt(0)));
  const points: StoredPoint[] = [...bundle.history];
  return {
    series: bundle.series,
    modelVersion: bundle.modelVersion,
    last: () => points.at(-1),
    score(timestampMs, value) {
      const before = points.at(-1);
      if (before && timestampMs <= before.timestampMs)
        throw new RangeError('a point scored on the device must come after the last one');
      const [result] = scoreAfterHistory(0, bundle.settings, model, points.slice(-SCORING_HISTORY), [
        { timestampMs, value },
      ]).results;
      points.push({ timestampMs, value, score: result!.score });
      if (points.length > SCORING_HISTORY * 2) points.splice(0, points.length - SCORING_HISTORY);
      return result!;
    },
  };
}
