// Scores a series' new points in time order from the stored window before them, as the stream would have.
import { createHash } from 'node:crypto';
import type { Queryable } from '@suite/shared/db';
import { createRng } from '@suite/shared/ml';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { FEATURE_HISTORY } from '../stream/feature-extractor.ts';
import { LIKELIHOOD_AVERAGE } from '../stream/score-likelihood.ts';
import { createSeriesDetector, type SeriesModel, type Verdict } from '../stream/series-detector.ts';
import { readRecentPoints, savePointScores } from '../store/point-repository.ts';
import { addSeriesPoints } from '../store/series-repository.ts';
import type { MetricPoint } from './point-validation.ts';

export interface Scored {
  score: number | null;
  z: number | null;
  threshold: number | null;
  verdict: Verdict;
}

export interface FreshScores {
  /** Each fresh point's scoring, by timestamp (ms). */
  scored: Map<number, Scored>;
  /** A model fitted on the way (a new series reaching its minimum, or an in-batch refit), to publish. */
  fitted?: SeriesModel;
}

/** A stable seed per series and fit, so a refit of the same window gives the same forest. */
export function seedFor(series: string, count: number): number {
  return createHash('sha256').update(`${series}:${count}`).digest().readInt32LE(0);
}

/** Replays the stored window before the new points, scores each new point, and writes the scores. */
export async function scoreFresh(
  tx: Queryable,
  series: string,
  fresh: readonly MetricPoint[],
  model: SeriesModel | undefined,
  config: AnomalyConfig,
): Promise<FreshScores> {
  // With a model, only the look-back of the features and of the likelihood's mean is needed; without one, the
  // whole window it will be fitted on.
  const history = await readRecentPoints(
    tx,
    series,
    model ? Math.max(FEATURE_HISTORY, LIKELIHOOD_AVERAGE) : config.windowSize,
    fresh[0]!.timestampMs,
  );
  const detector = createSeriesDetector(createRng(seedFor(series, history.length + fresh.length)), {
    windowSize: config.windowSize,
    minPoints: config.minPoints,
    zThreshold: config.zThreshold,
    nTrees: config.nTrees,
  });
  // A served model goes in first, so the replayed points widen its range and resume its likelihood; it is refit by
  // the timer on the full window. A new series fits in-batch once it has enough points.
  if (model) detector.setModel(model, true);
  for (const r of history) detector.observe(r.timestampMs, r.value, r.score);
  if (!model && detector.refitDue()) detector.refit();
  const scored = new Map<number, Scored>();
  for (const p of fresh) {
    const r = detector.push(p.timestampMs, p.value, model === undefined);
    scored.set(p.timestampMs, { score: r.score, z: r.z, threshold: r.threshold, verdict: r.verdict });
  }
  await savePointScores(
    tx,
    series,
    fresh.map((p) => ({ timestampMs: p.timestampMs, ...scored.get(p.timestampMs)! })),
  );
  await addSeriesPoints(tx, series, fresh.length, fresh[fresh.length - 1]!.timestampMs);
  const fitted = detector.model && detector.model !== model ? detector.model : undefined;
  return fitted ? { scored, fitted } : { scored };
}
