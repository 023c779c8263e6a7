// Stores a batch of points idempotently, scores the new ones against their series' model, records anomalies
// and queues alerts. Each point is scored only from the points before it.
import type { Db } from '@suite/shared/db';
import { recordPrediction } from '@suite/shared/telemetry';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import type { Verdict } from '../stream/series-detector.ts';
import {
  insertAnomalies,
  insertNewPoints,
  readStoredPoints,
  type StoredPointRow,
} from '../store/point-repository.ts';
import { ensureSeries, setModelVersion } from '../store/series-repository.ts';
import { seriesModelName } from './series-model-name.ts';
import { groupIncidents } from './incident-grouping.ts';
import type { SeriesModelSource } from './model-registry.ts';
import type { MetricPoint } from './point-validation.ts';
import { scoreFresh, type Scored } from './score-fresh.ts';

export interface PointOutcome {
  index: number;
  series: string;
  timestamp: string;
  /**
   * 'stored' for a new point, 'duplicate' when (series, timestamp) was already stored with the same value (its
   * first result is echoed), 'conflict' when it was stored with another value (kept; this one is not stored).
   */
  status: 'stored' | 'duplicate' | 'conflict';
  /** Only for a conflict: names the field and the value kept. */
  reason?: string;
  score: number | null;
  z: number | null;
  threshold: number | null;
  verdict: Verdict | 'pending';
}

export interface IngestDeps {
  db: Db;
  models: SeriesModelSource;
  config: AnomalyConfig;
}

export interface IngestResult {
  outcomes: PointOutcome[];
  anomalyIds: number[];
  alertIds: number[];
}

const SERIES_CONCURRENCY = 4;

/**
 * Ingests every series of the batch; returns one outcome per point, in batch order, the new anomaly ids and the
 * ids of the alerts queued (one per incident opened, plus closes when asked for).
 */
export async function ingestPoints(points: readonly MetricPoint[], deps: IngestDeps): Promise<IngestResult> {
  const bySeries = new Map<string, MetricPoint[]>();
  for (const p of points) {
    const list = bySeries.get(p.series);
    if (list) list.push(p);
    else bySeries.set(p.series, [p]);
  }
  const outcomes: PointOutcome[] = [];
  const anomalyIds: number[] = [];
  const alertIds: number[] = [];
  // Series are independent: a few at once use the pg pool; PGlite queues the transactions anyway.
  const entries = [...bySeries];
  for (let i = 0; i < entries.length; i += SERIES_CONCURRENCY) {
    const results = await Promise.all(
      entries.slice(i, i + SERIES_CONCURRENCY).map(([series, list]) => ingestSeries(series, list, deps)),
    );
    for (const result of results) {
      outcomes.push(...result.outcomes);
      anomalyIds.push(...result.anomalyIds);
      alertIds.push(...result.alertIds);
    }
  }
  outcomes.sort((a, b) => a.index - b.index);
  return { outcomes, anomalyIds, alertIds };
}

async function ingestSeries(series: string, list: MetricPoint[], deps: IngestDeps): Promise<IngestResult> {
  const { db, models, config } = deps;
  const current = await models.get(series);
  const { result, fitted } = await db.transaction(async (tx) => {
    await ensureSeries(tx, series);
    // The first copy of a timestamp in the batch wins; later copies are duplicates like a resent point.
    const firstByTs = new Map<number, MetricPoint>();
    for (const p of list) if (!firstByTs.has(p.timestampMs)) firstByTs.set(p.timestampMs, p);
    const unique = [...firstByTs.values()].sort((a, b) => a.timestampMs - b.timestampMs);
    const isNew = await insertNewPoints(tx, series, unique);
    const fresh = unique.filter((p) => isNew.has(p.timestampMs));
    const scoringStarted = performance.now();
    const { scored, fitted } =
      fresh.length > 0
        ? await scoreFresh(tx, series, fresh, current?.model, config)
        : { scored: new Map<number, Scored>(), fitted: undefined };
    if (fresh.length > 0) {
      const source = current ? 'model' : 'warm-up';
      recordPrediction(performance.now() - scoringStarted, { app: 'anomaly', operation: 'score', source });
    }
    const anomalyIds = await insertAnomalies(
      tx,
      series,
      fresh
        .filter((p) => scored.get(p.timestampMs)?.verdict === 'anomaly')
        .map((p) => ({ timestampMs: p.timestampMs, value: p.value, ...scored.get(p.timestampMs)! })),
    );
    const alertIds =
      fresh.length > 0
        ? await groupIncidents(
            tx,
            series,
            fresh.map((p) => ({
              timestampMs: p.timestampMs,
              value: p.value,
              ...scored.get(p.timestampMs)!,
              anomalyId: anomalyIds.get(p.timestampMs),
            })),
            config,
          )
        : [];
    // Resent points echo what was stored for them the first time.
    const old = list.filter((p) => !isNew.has(p.timestampMs) || firstByTs.get(p.timestampMs) !== p);
    const stored =
      old.length > 0
        ? await readStoredPoints(
            tx,
            series,
            old.map((p) => p.timestampMs),
          )
        : new Map<number, StoredPointRow>();
    const outcomes: PointOutcome[] = list.map((p) => {
      const timestamp = new Date(p.timestampMs).toISOString();
      const s = scored.get(p.timestampMs);
      if (s && firstByTs.get(p.timestampMs) === p)
        return { index: p.index, series, timestamp, status: 'stored', ...s };
      const r = stored.get(p.timestampMs) ?? scored.get(p.timestampMs);
      // The value kept: from the database, or from this batch's first copy of a new timestamp.
      const kept = Number(stored.get(p.timestampMs)?.value ?? firstByTs.get(p.timestampMs)!.value);
      const conflict = kept !== p.value;
      return {
        index: p.index,
        series,
        timestamp,
        status: conflict ? 'conflict' : 'duplicate',
        ...(conflict && { reason: `value: ${timestamp} is already stored with value ${kept}` }),
        score: r?.score ?? null,
        z: r?.z ?? null,
        threshold: r?.threshold ?? null,
        verdict: (r?.verdict ?? 'pending') as PointOutcome['verdict'],
      };
    });
    return { result: { outcomes, anomalyIds: [...anomalyIds.values()], alertIds }, fitted };
  });
  // After the commit, so a rolled-back batch publishes nothing. The points are stored and scored by now: a
  // publish that lost the race to another ingest of the series must not turn this answer into a 409.
  if (fitted) {
    const version = await models.tryPublish(series, fitted, { source: 'ingest' });
    if (version) await setModelVersion(db, series, version, seriesModelName(series));
  }
  return result;
}
