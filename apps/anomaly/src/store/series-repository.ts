// SQL of anomaly_series: the series list, existence, webhook and grouping settings, counters and model versions.
import type { Db, Queryable } from '@suite/shared/db';
import { NotFoundError } from '@suite/shared/errors';
import { recordModel } from './model-repository.ts';

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

/** Series in id order after `after`; with `prefix`, only ids starting with it (compared as text, no wildcards). */
export async function listSeries(
  db: Db,
  limit: number,
  after?: string,
  prefix?: string,
): Promise<SeriesSummary[]> {
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
     FROM anomaly_series s WHERE ($2::text IS NULL OR s.id > $2)
       AND ($3::text IS NULL OR left(s.id, length($3)) = $3) ORDER BY s.id LIMIT $1`,
    [limit, after ?? null, prefix ?? null],
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
  // A call that sets nothing (no URL, every grouping field the default) only clears an existing series: on an
  // unknown id (a typo) it would leave an empty series listed forever.
  if (url === null && Object.values(settings).every((v) => v === undefined || v === null)) {
    await db.query(
      `UPDATE anomaly_series SET webhook_url = NULL,
         incident_gap_points = CASE WHEN $2 THEN NULL ELSE incident_gap_points END,
         incident_gap_seconds = CASE WHEN $3 THEN NULL ELSE incident_gap_seconds END,
         alert_on_close = CASE WHEN $4 THEN NULL ELSE alert_on_close END,
         updated_at = now()
       WHERE id = $1`,
      [id, has('incidentGapPoints'), has('incidentGapSeconds'), has('alertOnClose')],
    );
    return;
  }
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

/** The series' alert settings as stored (null: the app default). */
export interface SeriesAlertSettings {
  webhook_url: string | null;
  incident_gap_points: number | null;
  incident_gap_seconds: number | null;
  alert_on_close: boolean | null;
}

/** Reads and locks the series row: two batches of one series group their incidents one after the other. */
export async function lockSeriesAlertSettings(
  tx: Queryable,
  id: string,
): Promise<SeriesAlertSettings | undefined> {
  const s = await tx.query<SeriesAlertSettings>(
    `SELECT webhook_url, incident_gap_points, incident_gap_seconds, alert_on_close FROM anomaly_series
     WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return s.rows[0];
}

/** Counts fresh points and moves last_point_at forward (never back, for late points). */
export async function addSeriesPoints(
  tx: Queryable,
  id: string,
  count: number,
  lastTimestampMs: number,
): Promise<void> {
  await tx.query(
    `UPDATE anomaly_series SET point_count = point_count + $2,
       last_point_at = GREATEST(COALESCE(last_point_at, $3::timestamptz), $3::timestamptz), updated_at = now()
     WHERE id = $1`,
    [id, count, new Date(lastTimestampMs).toISOString()],
  );
}

/** The series now serves `version` of its model `modelName`, which is recorded as this app's (GET /api/models). */
export async function setModelVersion(
  db: Queryable,
  id: string,
  version: string,
  modelName: string,
): Promise<void> {
  await db.query('UPDATE anomaly_series SET model_version = $2, updated_at = now() WHERE id = $1', [
    id,
    version,
  ]);
  await recordModel(db, modelName, 'series', id);
}

/** Each series' stored point count (a series not seen yet is absent); it only grows, so it versions the points. */
export async function readPointCounts(db: Queryable, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; point_count: number }>(
    'SELECT id, point_count FROM anomaly_series WHERE id = ANY($1::text[])',
    [[...ids]],
  );
  return new Map(rows.rows.map((r) => [r.id, Number(r.point_count)]));
}

/** Series with a point in the last `activeSeconds`, oldest model first. */
export async function listActiveSeries(db: Db, activeSeconds: number, limit: number): Promise<string[]> {
  const active = await db.query<{ id: string }>(
    `SELECT id FROM anomaly_series WHERE last_point_at > now() - make_interval(secs => $1)
     ORDER BY updated_at LIMIT $2`,
    [activeSeconds, limit],
  );
  return active.rows.map((r) => r.id);
}
