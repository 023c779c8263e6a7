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
