// Reads for the series API: the series list, anomalies and scores in a time range, and webhook settings.
import type { Db } from '@suite/shared/db';
import { NotFoundError } from '@suite/shared/errors';

export interface SeriesSummary {
  id: string;
  pointCount: number;
  lastPointAt: string | null;
  webhookUrl: string | null;
  modelVersion: string | null;
  anomalyCount: number;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The webhook as an anonymous reader may see it: its origin only (paths and credentials often are the secret). */
function maskWebhook(url: string | null): string | null {
  if (url === null) return null;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '…';
  }
}

export async function listSeries(db: Db, limit: number, after?: string): Promise<SeriesSummary[]> {
  const rows = await db.query<{
    id: string;
    point_count: number;
    last_point_at: Date | null;
    webhook_url: string | null;
    model_version: string | null;
    anomalies: number;
  }>(
    `SELECT s.id, s.point_count, s.last_point_at, s.webhook_url, s.model_version,
       (SELECT count(*) FROM anomaly_anomalies a WHERE a.series = s.id) AS anomalies
     FROM anomaly_series s WHERE ($2::text IS NULL OR s.id > $2) ORDER BY s.id LIMIT $1`,
    [limit, after ?? null],
  );
  return rows.rows.map((r) => ({
    id: r.id,
    pointCount: Number(r.point_count),
    lastPointAt: iso(r.last_point_at),
    webhookUrl: maskWebhook(r.webhook_url),
    modelVersion: r.model_version,
    anomalyCount: Number(r.anomalies),
  }));
}

/** NotFoundError (404) for a series that has never been seen. */
export async function assertSeries(db: Db, id: string): Promise<void> {
  const found = await db.query('SELECT 1 FROM anomaly_series WHERE id = $1', [id]);
  if (found.rowCount === 0) throw new NotFoundError(`series ${id} has no points`);
}

export interface Range {
  from?: Date;
  to?: Date;
  limit: number;
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

/** Per-series incident grouping; a field left out keeps its value, null falls back to the app default. */
export interface IncidentSettings {
  incidentGapPoints?: number | null;
  incidentGapSeconds?: number | null;
  alertOnClose?: boolean | null;
}

/** Sets or clears (null) the webhook and its grouping settings; the series may be configured before its first point. */
export async function setWebhook(
  db: Db,
  id: string,
  url: string | null,
  settings: IncidentSettings = {},
): Promise<void> {
  const has = (k: keyof IncidentSettings) => settings[k] !== undefined;
  await db.query(
    `INSERT INTO anomaly_series (id, webhook_url, incident_gap_points, incident_gap_seconds, alert_on_close)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET webhook_url = EXCLUDED.webhook_url,
       incident_gap_points = CASE WHEN $6 THEN EXCLUDED.incident_gap_points ELSE anomaly_series.incident_gap_points END,
       incident_gap_seconds = CASE WHEN $7 THEN EXCLUDED.incident_gap_seconds ELSE anomaly_series.incident_gap_seconds END,
       alert_on_close = CASE WHEN $8 THEN EXCLUDED.alert_on_close ELSE anomaly_series.alert_on_close END,
       updated_at = now()`,
    [
      id,
      url,
      settings.incidentGapPoints ?? null,
      settings.incidentGapSeconds ?? null,
      settings.alertOnClose ?? null,
      has('incidentGapPoints'),
      has('incidentGapSeconds'),
      has('alertOnClose'),
    ],
  );
}
