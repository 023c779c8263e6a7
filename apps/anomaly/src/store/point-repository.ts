// SQL of anomaly_points and anomaly_anomalies: idempotent inserts, the stored window, scores and anomalies.
import type { Db, Queryable } from '@suite/shared/db';
import { assertSeries, type Range } from './series-repository.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoMs = (ms: number) => new Date(ms).toISOString();

/** A scored point as written to its row (score, z and threshold are null while warming up). */
export interface PointScore {
  timestampMs: number;
  score: number | null;
  z: number | null;
  threshold: number | null;
  verdict: string;
}

/** Inserts the points not stored yet; returns the timestamps (ms) that were new. */
export async function insertNewPoints(
  tx: Queryable,
  series: string,
  points: ReadonlyArray<{ timestampMs: number; value: number }>,
): Promise<Set<number>> {
  const inserted = await tx.query<{ ts: Date }>(
    `INSERT INTO anomaly_points (series, ts, value)
     SELECT $1, t, v FROM unnest($2::timestamptz[], $3::float8[]) AS u(t, v)
     ON CONFLICT (series, ts) DO NOTHING RETURNING ts`,
    [series, points.map((p) => isoMs(p.timestampMs)), points.map((p) => p.value)],
  );
  return new Set(inserted.rows.map((r) => new Date(r.ts).getTime()));
}

/**
 * The latest `limit` points of a series (before `beforeMs` when given), oldest first, each with the raw score it
 * was given (null while warming up or not yet scored), from which the detector resumes its likelihood.
 */
export async function readRecentPoints(
  db: Queryable,
  series: string,
  limit: number,
  beforeMs?: number,
): Promise<Array<{ timestampMs: number; value: number; score: number | null }>> {
  type Row = { ts: Date; value: number; score: number | null };
  // Two statements rather than an optional bound, so each keeps a plain range scan on (series, ts).
  const rows =
    beforeMs === undefined
      ? await db.query<Row>(
          'SELECT ts, value, score FROM anomaly_points WHERE series = $1 ORDER BY ts DESC LIMIT $2',
          [series, limit],
        )
      : await db.query<Row>(
          'SELECT ts, value, score FROM anomaly_points WHERE series = $1 AND ts < $3 ORDER BY ts DESC LIMIT $2',
          [series, limit, isoMs(beforeMs)],
        );
  return rows.rows.reverse().map((r) => ({
    timestampMs: new Date(r.ts).getTime(),
    value: Number(r.value),
    score: r.score === null ? null : Number(r.score),
  }));
}

export async function savePointScores(
  tx: Queryable,
  series: string,
  scores: readonly PointScore[],
): Promise<void> {
  await tx.query(
    `UPDATE anomaly_points p SET score = u.s, z = u.z, threshold = u.th, verdict = u.v
     FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::text[]) AS u(t, s, z, th, v)
     WHERE p.series = $1 AND p.ts = u.t`,
    [
      series,
      scores.map((p) => isoMs(p.timestampMs)),
      scores.map((p) => p.score),
      scores.map((p) => p.z),
      scores.map((p) => p.threshold),
      scores.map((p) => p.verdict),
    ],
  );
}

/**
 * Of `freshMs` (just inserted, oldest first), those whose stored predecessor is an older point that is not fresh:
 * where a batch interleaves with points stored before it (a backfill), each such point starts a new run. Scans
 * only the batch's own time span; answers at most one row per fresh point.
 */
export async function findRunStarts(
  tx: Queryable,
  series: string,
  freshMs: readonly number[],
): Promise<Set<number>> {
  if (freshMs.length < 2) return new Set();
  const fresh = freshMs.map(isoMs);
  const rows = await tx.query<{ ts: Date }>(
    `SELECT ts FROM (
       SELECT ts, lag(ts) OVER (ORDER BY ts) AS prev FROM anomaly_points
       WHERE series = $1 AND ts >= $2::timestamptz AND ts <= $3::timestamptz) AS span
     WHERE prev IS NOT NULL AND ts = ANY($4::timestamptz[]) AND NOT (prev = ANY($4::timestamptz[]))`,
    [series, fresh[0], fresh[fresh.length - 1], fresh],
  );
  return new Set(rows.rows.map((r) => new Date(r.ts).getTime()));
}

/** The stored rows of these timestamps, by timestamp (ms). */
export async function readStoredPoints(
  tx: Queryable,
  series: string,
  timestampsMs: readonly number[],
): Promise<Map<number, StoredPointRow>> {
  const rows = await tx.query<StoredPointRow>(
    'SELECT ts, value, score, z, threshold, verdict FROM anomaly_points WHERE series = $1 AND ts = ANY($2::timestamptz[])',
    [series, [...new Set(timestampsMs)].map(isoMs)],
  );
  return new Map(rows.rows.map((r) => [new Date(r.ts).getTime(), r]));
}

/** Writes anomalies (once per point); returns the new anomaly id per timestamp (ms). */
export async function insertAnomalies(
  tx: Queryable,
  series: string,
  hits: ReadonlyArray<PointScore & { value: number }>,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  if (hits.length === 0) return ids;
  const rows = await tx.query<{ id: number; ts: Date }>(
    `INSERT INTO anomaly_anomalies (series, ts, value, score, z, threshold)
     SELECT $1, t, v, s, z, th FROM unnest($2::timestamptz[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
       AS u(t, v, s, z, th)
     ON CONFLICT (series, ts) DO NOTHING RETURNING id, ts`,
    [
      series,
      hits.map((p) => isoMs(p.timestampMs)),
      hits.map((p) => p.value),
      hits.map((p) => p.score),
      hits.map((p) => p.z),
      hits.map((p) => p.threshold),
    ],
  );
  for (const r of rows.rows) ids.set(new Date(r.ts).getTime(), Number(r.id));
  return ids;
}

export async function listAnomalies(db: Db, id: string, range: Range) {
  await assertSeries(db, id);
  const rows = await db.query<{
    id: number;
    ts: Date;
    value: number;
    score: number;
    z: number;
    threshold: number;
  }>(
    `SELECT id, ts, value, score, z, threshold FROM anomaly_anomalies
     WHERE series = $1 AND ($2::timestamptz IS NULL OR ts >= $2) AND ($3::timestamptz IS NULL OR ts < $3)
     ORDER BY ts LIMIT $4`,
    [id, range.from ?? null, range.to ?? null, range.limit],
  );
  return rows.rows.map((r) => ({
    id: String(r.id),
    timestamp: iso(r.ts),
    value: Number(r.value),
    score: Number(r.score),
    z: Number(r.z),
    threshold: Number(r.threshold),
  }));
}

/** A row of `anomaly_points` with its stored scoring (null while warming up). */
export interface StoredPointRow {
  ts: Date;
  value: number;
  score: number | null;
  z: number | null;
  threshold: number | null;
  verdict: string;
}

export async function listScores(db: Db, id: string, range: Range) {
  await assertSeries(db, id);
  const rows = await db.query<StoredPointRow>(
    `SELECT ts, value, score, z, threshold, verdict FROM anomaly_points
     WHERE series = $1 AND ($2::timestamptz IS NULL OR ts >= $2) AND ($3::timestamptz IS NULL OR ts < $3)
     ORDER BY ts LIMIT $4`,
    [id, range.from ?? null, range.to ?? null, range.limit],
  );
  return rows.rows.map((r) => ({
    timestamp: iso(r.ts),
    value: Number(r.value),
    score: r.score === null ? null : Number(r.score),
    z: r.z === null ? null : Number(r.z),
    threshold: r.threshold === null ? null : Number(r.threshold),
    verdict: r.verdict,
  }));
}
