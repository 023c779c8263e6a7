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

/**
 * Scores and stores the fresh points of these series (each with at least one), as scoreFresh does one series. A
 * series whose scores `prescored` holds (computed before the transaction, so its fits ran without its lock) takes
 * them when it is still as they were read: the same stored point count and fresh points, in one run.
 */
export async function scoreBatch(
  tx: Queryable,
  batch: readonly BatchSeries[],
  config: AnomalyConfig,
  prescored: ReadonlyMap<string, Prescored> = new Map(),
): Promise<void> {
  const runs = await seriesWithRuns(
    tx,
    batch.map((b) => ({ series: b.series, timestampsMs: b.fresh.map((p) => p.timestampMs) })),
  );
  const oneRun = batch.filter((b) => !runs.has(b.series));
  await scoreAfterStored(
    tx,
    oneRun.filter((b) => !takePrescored(b, prescored.get(b.series))),
    config,
  );
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

/** Scores computed for a series before its lock was taken, and what they were computed from. */
export interface Prescored {
  /** The series' stored point count when it was read (read first: any point stored later changes it). */
  storedBefore: number;
  freshMs: readonly number[];
  scored: ReadonlyMap<number, Scored>;
  fitted?: SeriesModel;
}

function takePrescored(b: BatchSeries, p: Prescored | undefined): boolean {
  if (!p || p.storedBefore !== b.storedBefore || p.freshMs.length !== b.fresh.length) return false;
  if (b.fresh.some((f, i) => f.timestampMs !== p.freshMs[i])) return false;
  for (const [ms, s] of p.scored) b.scored.set(ms, s);
  if (p.fitted) b.fitted = p.fitted;
  return true;
}

/**
 * Scores each series' fresh points (one run each) after its stored points before them, read a chunk of series at a
 * time; fills `scored` and `fitted`. Writes nothing, so it also runs outside a transaction (prescore-batch.ts).
 */
export async function scoreAfterStored(
  db: Queryable,
  batch: readonly BatchSeries[],
  config: AnomalyConfig,
): Promise<void> {
  for (const chunk of historyChunks(batch, config)) {
    const histories = await readHistories(
      db,
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
