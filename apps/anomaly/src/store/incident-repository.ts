// SQL of anomaly_incidents: the open incident of a series, its updates, stale incidents, and the incidents read API.
import type { Db, Queryable } from '@suite/shared/db';
import { assertSeries, type Range } from './series-repository.ts';

export type IncidentStatus = 'open' | 'closed' | 'all';

export interface IncidentSummary {
  id: string;
  status: 'open' | 'closed';
  openedAt: string;
  lastAnomalyAt: string;
  closedAt: string | null;
  anomalies: number;
  peakScore: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * Incidents whose span [openedAt, lastAnomalyAt] meets a [from, to) window, oldest first. The window is on
 * point time (opened_at, last_anomaly_at), never on the wall-clock closed_at.
 */
export async function listIncidents(
  db: Db,
  id: string,
  range: Range & { status: IncidentStatus },
): Promise<IncidentSummary[]> {
  await assertSeries(db, id);
  const rows = await db.query<{
    id: number;
    status: 'open' | 'closed';
    opened_at: Date;
    last_anomaly_at: Date;
    closed_at: Date | null;
    anomaly_count: number;
    peak_score: number;
  }>(
    `SELECT id, status, opened_at, last_anomaly_at, closed_at, anomaly_count, peak_score FROM anomaly_incidents
     WHERE series = $1 AND ($2::timestamptz IS NULL OR last_anomaly_at >= $2)
       AND ($3::timestamptz IS NULL OR opened_at < $3) AND ($4::text = 'all' OR status = $4)
     ORDER BY opened_at, id LIMIT $5`,
    [id, range.from ?? null, range.to ?? null, range.status, range.limit],
  );
  return rows.rows.map((r) => ({
    id: String(r.id),
    status: r.status,
    openedAt: iso(r.opened_at),
    lastAnomalyAt: iso(r.last_anomaly_at),
    closedAt: r.closed_at === null ? null : iso(r.closed_at),
    anomalies: Number(r.anomaly_count),
    peakScore: Number(r.peak_score),
  }));
}

/** The open incident of a series as the grouping keeps it in memory while it walks the fresh points. */
export interface OpenIncident {
  id: number;
  openedAtMs: number;
  lastAnomalyMs: number;
  quietPoints: number;
  count: number;
  peak: number;
  /** Set when this batch attached an anomaly: the wall-clock sweep measures quiet from then. */
  touched: boolean;
}

const isoMs = (ms: number) => new Date(ms).toISOString();

export async function findOpenIncident(tx: Queryable, series: string): Promise<OpenIncident | undefined> {
  const found = await tx.query<{
    id: number;
    opened_at: Date;
    last_anomaly_at: Date;
    quiet_points: number;
    anomaly_count: number;
    peak_score: number;
  }>(
    `SELECT id, opened_at, last_anomaly_at, quiet_points, anomaly_count, peak_score FROM anomaly_incidents
     WHERE series = $1 AND status = 'open'`,
    [series],
  );
  const f = found.rows[0];
  return (
    f && {
      id: Number(f.id),
      openedAtMs: new Date(f.opened_at).getTime(),
      lastAnomalyMs: new Date(f.last_anomaly_at).getTime(),
      quietPoints: Number(f.quiet_points),
      count: Number(f.anomaly_count),
      peak: Number(f.peak_score),
      touched: false,
    }
  );
}

export async function createIncident(
  tx: Queryable,
  series: string,
  atMs: number,
  score: number,
): Promise<OpenIncident> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO anomaly_incidents (series, opened_at, last_anomaly_at, peak_score) VALUES ($1, $2, $2, $3)
     RETURNING id`,
    [series, isoMs(atMs), score],
  );
  const id = Number(r.rows[0]!.id);
  return { id, openedAtMs: atMs, lastAnomalyMs: atMs, quietPoints: 0, count: 1, peak: score, touched: false };
}

/** Writes the incident back; a `closedAtMs` closes it. */
export async function saveIncident(tx: Queryable, i: OpenIncident, closedAtMs: number | null): Promise<void> {
  await tx.query(
    `UPDATE anomaly_incidents SET last_anomaly_at = $2, quiet_points = $3, anomaly_count = $4, peak_score = $5,
       status = CASE WHEN $6::timestamptz IS NULL THEN 'open' ELSE 'closed' END, closed_at = $6,
       touched_at = CASE WHEN $7 THEN now() ELSE touched_at END
     WHERE id = $1`,
    [
      i.id,
      isoMs(i.lastAnomalyMs),
      i.quietPoints,
      i.count,
      i.peak,
      closedAtMs === null ? null : isoMs(closedAtMs),
      i.touched,
    ],
  );
}

/** Links anomalies to their incidents: pairs of [anomalyId, incidentId]. */
export async function attachAnomalies(tx: Queryable, pairs: ReadonlyArray<[number, number]>): Promise<void> {
  if (pairs.length === 0) return;
  await tx.query(
    `UPDATE anomaly_anomalies a SET incident_id = u.i FROM unnest($1::bigint[], $2::bigint[]) AS u(a, i)
     WHERE a.id = u.a`,
    [pairs.map((x) => x[0]), pairs.map((x) => x[1])],
  );
}

/** An open incident untouched for its series' gap (or `defaultGapSeconds`), with its series' alert settings. */
export interface StaleIncident {
  id: number;
  series: string;
  opened_at: Date;
  last_anomaly_at: Date;
  anomaly_count: number;
  peak_score: number;
  webhook_url: string | null;
  alert_on_close: boolean | null;
}

/** Locks up to 200 stale open incidents (skipping those another instance holds). */
export async function lockStaleIncidents(
  tx: Queryable,
  defaultGapSeconds: number | null,
): Promise<StaleIncident[]> {
  const stale = await tx.query<StaleIncident>(
    `SELECT i.id, i.series, i.opened_at, i.last_anomaly_at, i.anomaly_count, i.peak_score, s.webhook_url,
       s.alert_on_close
     FROM anomaly_incidents i JOIN anomaly_series s ON s.id = i.series
     WHERE i.status = 'open'
       AND i.touched_at < now() - make_interval(secs => COALESCE(s.incident_gap_seconds, $1::int))
     ORDER BY i.id LIMIT 200 FOR UPDATE OF i SKIP LOCKED`,
    [defaultGapSeconds],
  );
  return stale.rows;
}

/** Closes an incident at the database's clock; returns when. */
export async function closeIncidentNow(tx: Queryable, id: number): Promise<Date> {
  const closed = await tx.query<{ closed_at: Date }>(
    `UPDATE anomaly_incidents SET status = 'closed', closed_at = now() WHERE id = $1 RETURNING closed_at`,
    [id],
  );
  return new Date(closed.rows[0]!.closed_at);
}
