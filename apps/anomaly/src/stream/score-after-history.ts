// Scoring new points of a series from the stored points before them, as the stream would have: the server's ingest
// (score-fresh.ts) and the console's offline mode (src/edge/device-detector.ts) both score through it.
import { createRng } from '@suite/shared/ml';
import { FEATURE_HISTORY } from './feature-extractor.ts';
import { LIKELIHOOD_AVERAGE } from './score-likelihood.ts';
import { createSeriesDetector, type PointResult, type SeriesModel } from './series-detector.ts';

/** The detector settings scoring depends on (the app's config). */
export interface DetectorSettings {
  windowSize: number;
  minPoints: number;
  zThreshold: number;
  nTrees: number;
}

/** Stored points a served model needs before new ones: the feature look-back and the likelihood's mean. */
export const SCORING_HISTORY = Math.max(FEATURE_HISTORY, LIKELIHOOD_AVERAGE);

export interface StoredPoint {
  timestampMs: number;
  value: number;
  /** The raw score the point got (null while warming up). */
  score: number | null;
}

/**
 * Replays `history` (oldest first, before the new points) and scores each of `fresh` in time order. With a served
 * `model`, only its last SCORING_HISTORY points matter; without one, the window a model will be fitted on, and
 * `fitted` is the model fitted on the way (seeded by `seed`).
 */
export function scoreAfterHistory(
  seed: number,
  settings: DetectorSettings,
  model: SeriesModel | undefined,
  history: readonly StoredPoint[],
  fresh: ReadonlyArray<{ timestampMs: number; value: number }>,
): { results: PointResult[]; fitted?: SeriesModel } {
  const { windowSize, minPoints, zThreshold, nTrees } = settings;
  const detector = createSeriesDetector(createRng(seed), { windowSize, minPoints, zThreshold, nTrees });
  // A served model goes in first, so the replayed points widen its range and resume its likelihood; it is refit by
  // the timer on the full window. A new series fits in-batch once it has enough points.
  if (model) detector.setModel(model, true);
  for (const r of history) detector.observe(r.timestampMs, r.value, r.score);
  if (!model && detector.refitDue()) detector.refit();
  const results = fresh.map((p) => detector.push(p.timestampMs, p.value, model === undefined));
  const fitted = detector.model && detector.model !== model ? detector.model : undefined;
  return fitted ? { results, fitted } : { results };
}
