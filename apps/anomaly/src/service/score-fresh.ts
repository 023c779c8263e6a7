// Scores a series' new points in time order from the stored window before them, as the stream would have.
import { createHash } from 'node:crypto';
import type { Queryable } from '@suite/shared/db';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { SCORING_HISTORY, scoreAfterHistory } from '../stream/score-after-history.ts';
import type { SeriesModel, Verdict } from '../stream/series-detector.ts';
import { findRunStarts, readRecentPoints, savePointScores } from '../store/point-repository.ts';
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

/**
 * Replays the stored window before the new points, scores each new point, and writes the scores. New points
 * interleaved with stored ones (a backfill between points sent earlier) are scored run by run, each run after the
 * stored points before it: scored in one pass, a new point after a stored one was scored as if that point were
 * not there (8 requests of 30 interleaved minutes each left all 240 points of a new series warming up).
 */
export async function scoreFresh(
  tx: Queryable,
  series: string,
  fresh: readonly MetricPoint[],
  model: SeriesModel | undefined,
  config: AnomalyConfig,
): Promise<FreshScores> {
  const starts = await findRunStarts(
    tx,
    series,
    fresh.map((p) => p.timestampMs),
  );
  const scored = new Map<number, Scored>();
  let fitted: SeriesModel | undefined;
  let begin = 0;
  for (let i = 1; i <= fresh.length; i++) {
    if (i < fresh.length && !starts.has(fresh[i]!.timestampMs)) continue;
    const run = fresh.slice(begin, i);
    begin = i;
    const runFitted = await scoreRun(tx, series, run, fitted ?? model, config, scored);
    if (runFitted) fitted = runFitted;
  }
  await addSeriesPoints(tx, series, fresh.length, fresh[fresh.length - 1]!.timestampMs);
  return fitted ? { scored, fitted } : { scored };
}

/** Scores one run of new points that no stored point interleaves, after the stored points before it. */
async function scoreRun(
  tx: Queryable,
  series: string,
  run: readonly MetricPoint[],
  model: SeriesModel | undefined,
  config: AnomalyConfig,
  scored: Map<number, Scored>,
): Promise<SeriesModel | undefined> {
  // With a model, only the look-back of the features and of the likelihood's mean is needed; without one, the
  // whole window it will be fitted on.
  const history = await readRecentPoints(
    tx,
    series,
    model ? SCORING_HISTORY : config.windowSize,
    run[0]!.timestampMs,
  );
  const { results, fitted } = scoreAfterHistory(
    seedFor(series, history.length + run.length),
    config,
    model,
    history,
    run,
  );
  run.forEach((p, i) => {
    const r = results[i]!;
    scored.set(p.timestampMs, { score: r.score, z: r.z, threshold: r.threshold, verdict: r.verdict });
  });
  // Written before the next run reads its history: the likelihood resumes from stored scores.
  await savePointScores(
    tx,
    series,
    run.map((p) => ({ timestampMs: p.timestampMs, ...scored.get(p.timestampMs)! })),
  );
  return fitted;
}
