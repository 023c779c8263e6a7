// Scores the fresh points of every series of a batch with one history read and one score write for all of them;
// series whose fresh points interleave stored ones (a backfill) go run by run through scoreFresh as before.
import type { Queryable } from '@suite/shared/db';
import { recordPrediction } from '@suite/shared/telemetry';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { SCORING_HISTORY, scoreAfterHistory } from '../stream/score-after-history.ts';
import type { SeriesModel } from '../stream/series-detector.ts';
import {
  addPointsOfSeries,
  readHistories,
  saveScoresOfSeries,
  seriesWithRuns,
} from '../store/batch-repository.ts';
import type { MetricPoint } from './point-validation.ts';
import { scoreFresh, seedFor, type Scored } from './score-fresh.ts';

/** One series of the batch: its fresh points in time order and its served model; scoring fills the rest. */
export interface BatchSeries {
  series: string;
  fresh: readonly MetricPoint[];
  model: SeriesModel | undefined;
  scored: Map<number, Scored>;
  fitted?: SeriesModel;
}

/** Scores and stores the fresh points of these series (each with at least one), as scoreFresh does one series. */
export async function scoreBatch(
  tx: Queryable,
  batch: readonly BatchSeries[],
  config: AnomalyConfig,
): Promise<void> {
  const runs = await seriesWithRuns(
    tx,
    batch.map((b) => ({ series: b.series, timestampsMs: b.fresh.map((p) => p.timestampMs) })),
  );
  const oneRun = batch.filter((b) => !runs.has(b.series));
  // With a model, only the look-back of the features and of the likelihood's mean is needed; without one, the
  // whole window it will be fitted on.
  const histories = await readHistories(
    tx,
    oneRun.map((b) => ({
      series: b.series,
      beforeMs: b.fresh[0]!.timestampMs,
      limit: b.model ? SCORING_HISTORY : config.windowSize,
    })),
  );
  for (const b of oneRun) {
    const started = performance.now();
    const history = histories.get(b.series)!;
    const { results, fitted } = scoreAfterHistory(
      seedFor(b.series, history.length + b.fresh.length),
      config,
      b.model,
      history,
      b.fresh,
    );
    b.fresh.forEach((p, i) => {
      const r = results[i]!;
      b.scored.set(p.timestampMs, { score: r.score, z: r.z, threshold: r.threshold, verdict: r.verdict });
    });
    if (fitted) b.fitted = fitted;
    const source = b.model ? 'model' : 'warm-up';
    recordPrediction(performance.now() - started, { app: 'anomaly', operation: 'score', source });
  }
  await saveScoresOfSeries(
    tx,
    oneRun.flatMap((b) =>
      b.fresh.map((p) => ({ series: b.series, timestampMs: p.timestampMs, ...b.scored.get(p.timestampMs)! })),
    ),
  );
  await addPointsOfSeries(
    tx,
    oneRun.map((b) => ({
      series: b.series,
      count: b.fresh.length,
      lastTimestampMs: b.fresh[b.fresh.length - 1]!.timestampMs,
    })),
  );
  for (const b of batch.filter((x) => runs.has(x.series))) {
    const started = performance.now();
    const { scored, fitted } = await scoreFresh(tx, b.series, b.fresh, b.model, config);
    for (const [ms, s] of scored) b.scored.set(ms, s);
    if (fitted) b.fitted = fitted;
    const source = b.model ? 'model' : 'warm-up';
    recordPrediction(performance.now() - started, { app: 'anomaly', operation: 'score', source });
  }
}
