// Scores the fresh points of every series of a batch with one score write for all of them and a history read per
// chunk of series (so the rows held at once stay bounded whatever the batch's breadth); series whose fresh points
// interleave stored ones (a backfill) go run by run through scoreFresh as before.
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

/** History rows read at once, in fit windows (8 x 8,192 rows by default, a few MB). */
export const HISTORY_READ_WINDOWS = 8;

/** One series of the batch: its fresh points in time order and its served model; scoring fills the rest. */
export interface BatchSeries {
  series: string;
  fresh: readonly MetricPoint[];
  model: SeriesModel | undefined;
  /** Points the series had stored before this batch (anomaly_series.point_count): its history holds no more. */
  storedBefore: number;
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
  for (const chunk of historyChunks(oneRun, config)) {
    const histories = await readHistories(
      tx,
      chunk.map((b) => ({
        series: b.series,
        beforeMs: b.fresh[0]!.timestampMs,
        limit: historyLimit(b, config),
      })),
    );
    for (const b of chunk) {
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

/** With a model, only the look-back of the features and of the likelihood's mean; without one, its fit window. */
const historyLimit = (b: BatchSeries, config: AnomalyConfig) =>
  b.model ? SCORING_HISTORY : config.windowSize;

/**
 * Series in groups whose histories hold at most HISTORY_READ_WINDOWS fit windows of rows together, each counted as
 * the rows it can have (its limit, or fewer when it has fewer stored): one read for a batch of new or served
 * series, where one read for all of them held up to series x 8,192 rows at once.
 */
function historyChunks(batch: readonly BatchSeries[], config: AnomalyConfig): BatchSeries[][] {
  const budget = HISTORY_READ_WINDOWS * config.windowSize;
  const chunks: BatchSeries[][] = [];
  let chunk: BatchSeries[] = [];
  let rows = 0;
  for (const b of batch) {
    const n = Math.min(historyLimit(b, config), b.storedBefore);
    if (chunk.length > 0 && rows + n > budget) {
      chunks.push(chunk);
      chunk = [];
      rows = 0;
    }
    chunk.push(b);
    rows += n;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
