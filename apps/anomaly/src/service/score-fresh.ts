// Scores a series' new points in time order from the stored window before them, as the stream would have.
import { createHash } from 'node:crypto';
import type { Queryable } from '@suite/shared/db';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { SCORING_HISTORY, scoreAfterHistory } from '../stream/score-after-history.ts';
import type { SeriesModel, Verdict } from '../stream/series-detector.ts';
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
    model ? SCORING_HISTORY : config.windowSize,
    fresh[0]!.timestampMs,
  );
  const { results, fitted } = scoreAfterHistory(
    seedFor(series, history.length + fresh.length),
    config,
    model,
    history,
    fresh,
  );
  const scored = new Map<number, Scored>();
  fresh.forEach((p, i) => {
    const r = results[i]!;
    scored.set(p.timestampMs, { score: r.score, z: r.z, threshold: r.threshold, verdict: r.verdict });
  });
  await savePointScores(
    tx,
    series,
    fresh.map((p) => ({ timestampMs: p.timestampMs, ...scored.get(p.timestampMs)! })),
  );
  await addSeriesPoints(tx, series, fresh.length, fresh[fresh.length - 1]!.timestampMs);
  return fitted ? { scored, fitted } : { scored };
}
