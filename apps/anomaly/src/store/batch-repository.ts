// Set-based SQL over every series of one ingest batch: one statement per step for the whole batch, where a
// statement per series made a batch of 500 one-point series cost 19 times the CPU of 500 points of one series.
import type { Queryable } from '@suite/shared/db';
import type { PointScore, StoredPointRow } from './point-repository.ts';

const isoMs = (ms: number) => new Date(ms).toISOString();

/** A point of one series of the batch. */
export interface SeriesPoint {
  series: string;
  timestampMs: number;
  value: number;
}

/** Values by series, then by timestamp (ms). */
export type BySeries<T> = Map<string, Map<number, T>>;

function put<T>(map: BySeries<T>, series: string, ms: number, value: T): void {
  let inner = map.get(series);
  if (!inner) map.set(series, (inner = new Map()));
  inner.set(ms, value);
}

/**
 * Creates the rows of the series not seen yet, then locks every series row of the batch in id order: two batches
 * sharing series take them one after the other (as one series' batches did before) and never deadlock. Returns each
 * series' stored point count as the lock found it.
 */
export async function ensureAndLockSeries(
  tx: Queryable,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const sorted = [...ids].sort();
  await tx.query(
    'INSERT INTO anomaly_series (id) SELECT i FROM unnest($1::text[]) AS u(i) ORDER BY i ON CONFLICT (id) DO NOTHING',
    [sorted],
  );
  const locked = await tx.query<{ id: string; point_count: number }>(
    'SELECT id, point_count FROM anomaly_series WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
    [sorted],
  );
  return new Map(locked.rows.map((r) => [r.id, Number(r.point_count)]));
}

/**
 * Which of these series have a model version recorded (published, refitted or pinned), or a publish started whose
 * record may be missing (its process died between the model store and this row), in one statement.
 */
export async function seriesWithModel(db: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    `SELECT id FROM anomaly_series WHERE id = ANY($1::text[])
     AND (model_version IS NOT NULL OR model_publish_started_at IS NOT NULL)`,
    [[...ids]],
  );
  return new Set(rows.rows.map((r) => r.id));
}

/** Inserts the points not stored yet; returns the new timestamps (ms) by series. */
export async function insertNewPointsOfSeries(
  tx: Queryable,
  points: readonly SeriesPoint[],
): Promise<Map<string, Set<number>>> {
  const inserted = await tx.query<{ series: string; ts: Date }>(
    `INSERT INTO anomaly_points (series, ts, value)
     SELECT s, t, v FROM unnest($1::text[], $2::timestamptz[], $3::float8[]) AS u(s, t, v)
     ON CONFLICT (series, ts) DO NOTHING RETURNING series, ts`,
    [points.map((p) => p.series), points.map((p) => isoMs(p.timestampMs)), points.map((p) => p.value)],
  );
  const isNew = new Map<string, Set<number>>();
  for (const r of inserted.rows) {
    const set = isNew.get(r.series) ?? new Set<number>();
    set.add(new Date(r.ts).getTime());
    isNew.set(r.series, set);
  }
  return isNew;
}

/**
 * Of series with two fresh points or more, those where a stored point that is not fresh lies between their first
 * and last fresh point: their fresh points form several runs (a backfill), scored run by run.
 */
export async function seriesWithRuns(
  tx: Queryable,
  fresh: ReadonlyArray<{ series: string; timestampsMs: readonly number[] }>,
): Promise<Set<string>> {
  const spans = fresh.filter((f) => f.timestampsMs.length > 1);
  if (spans.length === 0) return new Set();
  const rows = await tx.query<{ series: string }>(
    `SELECT u.s AS series FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) AS u(s, lo, hi, n)
     WHERE (SELECT count(*) FROM anomaly_points p WHERE p.series = u.s AND p.ts >= u.lo AND p.ts <= u.hi) > u.n`,
    [
      spans.map((f) => f.series),
      // reduce, not Math.min(...): an Event Hubs event has no point cap, and spreading ~150,000 arguments throws
      spans.map((f) => isoMs(f.timestampsMs.reduce((a, b) => Math.min(a, b)))),
      spans.map((f) => isoMs(f.timestampsMs.reduce((a, b) => Math.max(a, b)))),
      spans.map((f) => f.timestampsMs.length),
    ],
  );
  return new Set(rows.rows.map((r) => r.series));
}

/** Per series, its latest `limit` points before `beforeMs`, oldest first, with their raw scores (readRecentPoints). */
export async function readHistories(
  tx: Queryable,
  requests: ReadonlyArray<{ series: string; beforeMs: number; limit: number }>,
): Promise<Map<string, Array<{ timestampMs: number; value: number; score: number | null }>>> {
  const rows = await tx.query<{ series: string; ts: Date; value: number; score: number | null }>(
    `SELECT u.s AS series, h.ts, h.value, h.score
     FROM unnest($1::text[], $2::timestamptz[], $3::int[]) AS u(s, before, lim)
     CROSS JOIN LATERAL (SELECT ts, value, score FROM anomaly_points p WHERE p.series = u.s AND p.ts < u.before
       ORDER BY ts DESC LIMIT u.lim) AS h
     ORDER BY u.s, h.ts`,
    [requests.map((r) => r.series), requests.map((r) => isoMs(r.beforeMs)), requests.map((r) => r.limit)],
  );
  const histories = new Map<string, Array<{ timestampMs: number; value: number; score: number | null }>>(
    requests.map((r) => [r.series, []]),
  );
  for (const r of rows.rows) {
    histories.get(r.series)!.push({
      timestampMs: new Date(r.ts).getTime(),
      value: Number(r.value),
      score: r.score === null ? null : Number(r.score),
    });
  }
  return histories;
}

/** Writes the scores of points of many series (savePointScores). */
export async function saveScoresOfSeries(
  tx: Queryable,
  scores: ReadonlyArray<PointScore & { series: string }>,
): Promise<void> {
  if (scores.length === 0) return;
  await tx.query(
    `UPDATE anomaly_points p SET score = u.s, z = u.z, threshold = u.th, verdict = u.v
     FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::text[])
       AS u(series, t, s, z, th, v)
     WHERE p.series = u.series AND p.ts = u.t`,
    [
      scores.map((p) => p.series),
      scores.map((p) => isoMs(p.timestampMs)),
      scores.map((p) => p.score),
      scores.map((p) => p.z),
      scores.map((p) => p.threshold),
      scores.map((p) => p.verdict),
    ],
  );
}

/** Counts fresh points per series and moves last_point_at forward, never back (addSeriesPoints). */
export async function addPointsOfSeries(
  tx: Queryable,
  counts: ReadonlyArray<{ series: string; count: number; lastTimestampMs: number }>,
): Promise<void> {
  if (counts.length === 0) return;
  await tx.query(
    `UPDATE anomaly_series s SET point_count = s.point_count + u.n,
       last_point_at = GREATEST(COALESCE(s.last_point_at, u.t), u.t), updated_at = now()
     FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS u(id, n, t) WHERE s.id = u.id`,
    [counts.map((c) => c.series), counts.map((c) => c.count), counts.map((c) => isoMs(c.lastTimestampMs))],
  );
}

/** Writes anomalies of many series (once per point); returns the new anomaly ids by series and timestamp. */
export async function insertAnomaliesOfSeries(
  tx: Queryable,
  hits: ReadonlyArray<PointScore & { series: string; value: number }>,
): Promise<BySeries<number>> {
  const ids: BySeries<number> = new Map();
  if (hits.length === 0) return ids;
  const rows = await tx.query<{ id: number; series: string; ts: Date }>(
    `INSERT INTO anomaly_anomalies (series, ts, value, score, z, threshold)
     SELECT sr, t, v, s, z, th
     FROM unnest($1::text[], $2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
       AS u(sr, t, v, s, z, th)
     ON CONFLICT (series, ts) DO NOTHING RETURNING id, series, ts`,
    [
      hits.map((p) => p.series),
      hits.map((p) => isoMs(p.timestampMs)),
      hits.map((p) => p.value),
      hits.map((p) => p.score),
      hits.map((p) => p.z),
      hits.map((p) => p.threshold),
    ],
  );
  for (const r of rows.rows) put(ids, r.series, new Date(r.ts).getTime(), Number(r.id));
  return ids;
}

/** Which of these series have an open incident. */
export async function seriesWithOpenIncident(tx: Queryable, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.query<{ series: string }>(
    `SELECT DISTINCT series FROM anomaly_incidents WHERE series = ANY($1::text[]) AND status = 'open'`,
    [ids],
  );
  return new Set(rows.rows.map((r) => r.series));
}

/** The stored rows of these points, by series and timestamp (readStoredPoints). */
export async function readStoredPointsOfSeries(
  tx: Queryable,
  keys: ReadonlyArray<{ series: string; timestampMs: number }>,
): Promise<BySeries<StoredPointRow>> {
  const stored: BySeries<StoredPointRow> = new Map();
  if (keys.length === 0) return stored;
  const rows = await tx.query<StoredPointRow & { series: string }>(
    `SELECT DISTINCT p.series, p.ts, p.value, p.score, p.z, p.threshold, p.verdict FROM anomaly_points p
     JOIN unnest($1::text[], $2::timestamptz[]) AS u(s, t) ON p.series = u.s AND p.ts = u.t`,
    [keys.map((k) => k.series), keys.map((k) => isoMs(k.timestampMs))],
  );
  for (const r of rows.rows) {
    const { series, ...row } = r;
    put(stored, series, new Date(r.ts).getTime(), row);
  }
  return stored;
}
