// Stores a batch of points idempotently, scores the new ones against their series' model, records anomalies
// and queues alerts. Each point is scored only from the points before it.
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '@suite/shared/db';
import { createRng } from '@suite/shared/ml';
import { FEATURE_HISTORY } from '../stream/feature-extractor.ts';
import { createSeriesDetector, type SeriesModel, type Verdict } from '../stream/series-detector.ts';
import type { AnomalyConfig } from './anomaly-config.ts';
import { groupIncidents } from './incident-grouping.ts';
import type { SeriesModelSource } from './model-registry.ts';
import type { MetricPoint } from './point-validation.ts';
import type { StoredPointRow } from './series-queries.ts';

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

const SERIES_CONCURRENCY = 4;

/** A stable seed per series and fit, so a refit of the same window gives the same forest. */
function seedFor(series: string, count: number): number {
  return createHash('sha256').update(`${series}:${count}`).digest().readInt32LE(0);
}

/**
 * Ingests every series of the batch; returns one outcome per point, in batch order, the new anomaly ids and the
 * ids of the alerts queued (one per incident opened, plus closes when asked for).
 */
export async function ingestPoints(
  points: readonly MetricPoint[],
  deps: IngestDeps,
): Promise<{ outcomes: PointOutcome[]; anomalyIds: number[]; alertIds: number[] }> {
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

async function ingestSeries(series: string, list: MetricPoint[], deps: IngestDeps) {
  const { db, models, config } = deps;
  const current = await models.get(series);
  const published: { model?: SeriesModel } = {};
  const result = await db.transaction(async (tx) => {
    await tx.query('INSERT INTO anomaly_series (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [series]);
    // The first copy of a timestamp in the batch wins; later copies are duplicates like a resent point.
    const firstByTs = new Map<number, MetricPoint>();
    for (const p of list) if (!firstByTs.has(p.timestampMs)) firstByTs.set(p.timestampMs, p);
    const unique = [...firstByTs.values()].sort((a, b) => a.timestampMs - b.timestampMs);
    const inserted = await tx.query<{ ts: Date }>(
      `INSERT INTO anomaly_points (series, ts, value)
       SELECT $1, t, v FROM unnest($2::timestamptz[], $3::float8[]) AS u(t, v)
       ON CONFLICT (series, ts) DO NOTHING RETURNING ts`,
      [series, unique.map((p) => new Date(p.timestampMs).toISOString()), unique.map((p) => p.value)],
    );
    const isNew = new Set(inserted.rows.map((r) => new Date(r.ts).getTime()));
    const fresh = unique.filter((p) => isNew.has(p.timestampMs));
    const scored =
      fresh.length > 0 ? await scoreFresh(tx, series, fresh, current?.model, config, published) : new Map();
    const anomalyIds = await recordAnomalies(tx, series, fresh, scored);
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
    const stored = new Map<number, StoredPointRow>();
    if (old.length > 0) {
      const rows = await tx.query<StoredPointRow>(
        'SELECT ts, value, score, z, threshold, verdict FROM anomaly_points WHERE series = $1 AND ts = ANY($2::timestamptz[])',
        [series, [...new Set(old.map((p) => new Date(p.timestampMs).toISOString()))]],
      );
      for (const r of rows.rows) stored.set(new Date(r.ts).getTime(), r);
    }
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
    return { outcomes, anomalyIds: [...anomalyIds.values()], alertIds };
  });
  if (published.model) {
    const version = await models.publish(series, published.model, { source: 'ingest' });
    await db.query('UPDATE anomaly_series SET model_version = $2, updated_at = now() WHERE id = $1', [
      series,
      version,
    ]);
  }
  return result;
}

type Scored = Pick<PointOutcome, 'score' | 'z' | 'threshold'> & { verdict: Verdict };

/** Replays the stored window before the new points, then scores each new point in time order. */
async function scoreFresh(
  tx: Queryable,
  series: string,
  fresh: MetricPoint[],
  model: SeriesModel | undefined,
  config: AnomalyConfig,
  published: { model?: SeriesModel },
): Promise<Map<number, Scored>> {
  const history = await tx.query<{ ts: Date; value: number }>(
    `SELECT ts, value FROM anomaly_points WHERE series = $1 AND ts < $2 ORDER BY ts DESC LIMIT $3`,
    // With a model, only the feature look-back is needed; without one, the whole window it will be fitted on.
    [series, new Date(fresh[0]!.timestampMs).toISOString(), model ? FEATURE_HISTORY : config.windowSize],
  );
  const detector = createSeriesDetector(createRng(seedFor(series, history.rows.length + fresh.length)), {
    windowSize: config.windowSize,
    minPoints: config.minPoints,
    zThreshold: config.zThreshold,
    nTrees: config.nTrees,
  });
  for (let i = history.rows.length - 1; i >= 0; i--) {
    const r = history.rows[i]!;
    detector.observe(new Date(r.ts).getTime(), Number(r.value));
  }
  // A served model is refit by the timer on the full window; a new series fits in-batch once it has enough points.
  if (model) detector.setModel(model, true);
  else if (detector.refitDue()) detector.refit();
  const out = new Map<number, Scored>();
  for (const p of fresh) {
    const r = detector.push(p.timestampMs, p.value, model === undefined);
    out.set(p.timestampMs, { score: r.score, z: r.z, threshold: r.threshold, verdict: r.verdict });
  }
  if (detector.model && detector.model !== model) published.model = detector.model;
  await tx.query(
    `UPDATE anomaly_points p SET score = u.s, z = u.z, threshold = u.th, verdict = u.v
     FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::text[]) AS u(t, s, z, th, v)
     WHERE p.series = $1 AND p.ts = u.t`,
    [
      series,
      fresh.map((p) => new Date(p.timestampMs).toISOString()),
      fresh.map((p) => out.get(p.timestampMs)!.score),
      fresh.map((p) => out.get(p.timestampMs)!.z),
      fresh.map((p) => out.get(p.timestampMs)!.threshold),
      fresh.map((p) => out.get(p.timestampMs)!.verdict),
    ],
  );
  await tx.query(
    `UPDATE anomaly_series SET point_count = point_count + $2,
       last_point_at = GREATEST(COALESCE(last_point_at, $3::timestamptz), $3::timestamptz), updated_at = now()
     WHERE id = $1`,
    [series, fresh.length, new Date(fresh[fresh.length - 1]!.timestampMs).toISOString()],
  );
  return out;
}

/** Writes anomalies (once per point); returns the new anomaly id per timestamp. Alerts are per incident. */
async function recordAnomalies(
  tx: Queryable,
  series: string,
  fresh: MetricPoint[],
  scored: Map<number, Scored>,
): Promise<Map<number, number>> {
  const hits = fresh.filter((p) => scored.get(p.timestampMs)?.verdict === 'anomaly');
  const ids = new Map<number, number>();
  if (hits.length === 0) return ids;
  const rows = await tx.query<{ id: number; ts: Date }>(
    `INSERT INTO anomaly_anomalies (series, ts, value, score, z, threshold)
     SELECT $1, t, v, s, z, th FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
       AS u(t, v, s, z, th)
     ON CONFLICT (series, ts) DO NOTHING RETURNING id, ts`,
    [
      series,
      hits.map((p) => new Date(p.timestampMs).toISOString()),
      hits.map((p) => p.value),
      hits.map((p) => scored.get(p.timestampMs)!.score),
      hits.map((p) => scored.get(p.timestampMs)!.z),
      hits.map((p) => scored.get(p.timestampMs)!.threshold),
    ],
  );
  for (const r of rows.rows) ids.set(new Date(r.ts).getTime(), Number(r.id));
  return ids;
}
