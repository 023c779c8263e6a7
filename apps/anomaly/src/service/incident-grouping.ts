// Groups a series' consecutive anomalies into incidents and queues one alert per incident opening (and closing,
// when the series asks for it). Runs inside the ingestion transaction, on the fresh points in time order.
import type { Queryable } from '@suite/shared/db';
import type { AnomalyConfig } from './anomaly-config.ts';

/** A scored fresh point; `anomalyId` is set when it was recorded as a new anomaly. */
export interface GroupedPoint {
  timestampMs: number;
  value: number;
  verdict: string;
  score: number | null;
  z: number | null;
  threshold: number | null;
  anomalyId?: number;
}

/** How long an incident stays open after its last anomaly; either limit closes it, null disables that limit. */
export interface IncidentPolicy {
  gapPoints: number | null;
  gapSeconds: number | null;
  alertOnClose: boolean;
}

interface OpenIncident {
  id: number;
  openedAtMs: number;
  lastAnomalyMs: number;
  quietPoints: number;
  count: number;
  peak: number;
  touched: boolean;
}

interface SeriesRow {
  webhook_url: string | null;
  incident_gap_points: number | null;
  incident_gap_seconds: number | null;
  alert_on_close: boolean | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The series' own settings over the app defaults. */
export function incidentPolicy(row: Partial<SeriesRow>, config: AnomalyConfig): IncidentPolicy {
  return {
    gapPoints: row.incident_gap_points ?? config.incidentGapPoints,
    gapSeconds: row.incident_gap_seconds ?? config.incidentGapSeconds,
    alertOnClose: row.alert_on_close ?? config.alertOnClose,
  };
}

/**
 * Attaches the fresh anomalies to the open incident or to new ones, closes incidents whose quiet gap passed,
 * and queues their alerts. Returns the ids of the alerts queued (for an immediate delivery attempt).
 */
export async function groupIncidents(
  tx: Queryable,
  series: string,
  points: readonly GroupedPoint[],
  config: AnomalyConfig,
): Promise<number[]> {
  // Locks the series row: two batches of one series group one after the other.
  const s = await tx.query<SeriesRow>(
    `SELECT webhook_url, incident_gap_points, incident_gap_seconds, alert_on_close FROM anomaly_series
     WHERE id = $1 FOR UPDATE`,
    [series],
  );
  const row = s.rows[0];
  if (!row) return [];
  const policy = incidentPolicy(row, config);
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
  let open: OpenIncident | undefined = f && {
    id: Number(f.id),
    openedAtMs: new Date(f.opened_at).getTime(),
    lastAnomalyMs: new Date(f.last_anomaly_at).getTime(),
    quietPoints: Number(f.quiet_points),
    count: Number(f.anomaly_count),
    peak: Number(f.peak_score),
    touched: false,
  };
  const alertIds: number[] = [];
  const close = async (incident: OpenIncident, closedAtMs: number) => {
    await save(tx, incident, iso(closedAtMs));
    if (row.webhook_url && policy.alertOnClose) {
      const id = await queueAlert(tx, series, incident.id, 'closed', row.webhook_url, {
        type: 'incident.closed',
        incidentId: String(incident.id),
        series,
        openedAt: iso(incident.openedAtMs),
        lastAnomalyAt: iso(incident.lastAnomalyMs),
        closedAt: iso(closedAtMs),
        anomalies: incident.count,
        peakScore: incident.peak,
      });
      if (id !== undefined) alertIds.push(id);
    }
  };
  const attach: Array<[number, number]> = [];
  for (const p of points) {
    if (open && policy.gapSeconds !== null && p.timestampMs - open.lastAnomalyMs > policy.gapSeconds * 1000) {
      await close(open, open.lastAnomalyMs + policy.gapSeconds * 1000);
      open = undefined;
    }
    if (p.anomalyId !== undefined) {
      const score = p.score ?? 0;
      if (open) {
        open.count++;
        open.quietPoints = 0;
        open.lastAnomalyMs = Math.max(open.lastAnomalyMs, p.timestampMs);
        open.peak = Math.max(open.peak, score);
        open.touched = true;
      } else {
        open = await create(tx, series, p.timestampMs, score);
        if (row.webhook_url) {
          const id = await queueAlert(tx, series, open.id, 'opened', row.webhook_url, {
            type: 'incident.opened',
            incidentId: String(open.id),
            anomalyId: String(p.anomalyId),
            series,
            timestamp: iso(p.timestampMs),
            value: p.value,
            score: p.score,
            z: p.z,
            threshold: p.threshold,
          });
          if (id !== undefined) alertIds.push(id);
        }
      }
      attach.push([p.anomalyId, open.id]);
    } else if (open && p.verdict !== 'anomaly' && p.timestampMs > open.lastAnomalyMs) {
      open.quietPoints++;
      if (policy.gapPoints !== null && open.quietPoints >= policy.gapPoints) {
        await close(open, p.timestampMs);
        open = undefined;
      }
    }
  }
  if (open) await save(tx, open, null);
  if (attach.length > 0) {
    await tx.query(
      `UPDATE anomaly_anomalies a SET incident_id = u.i FROM unnest($1::bigint[], $2::bigint[]) AS u(a, i)
       WHERE a.id = u.a`,
      [attach.map((x) => x[0]), attach.map((x) => x[1])],
    );
  }
  return alertIds;
}

async function create(tx: Queryable, series: string, atMs: number, score: number): Promise<OpenIncident> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO anomaly_incidents (series, opened_at, last_anomaly_at, peak_score) VALUES ($1, $2, $2, $3)
     RETURNING id`,
    [series, iso(atMs), score],
  );
  const id = Number(r.rows[0]!.id);
  return { id, openedAtMs: atMs, lastAnomalyMs: atMs, quietPoints: 0, count: 1, peak: score, touched: false };
}

async function save(tx: Queryable, i: OpenIncident, closedAt: string | null): Promise<void> {
  await tx.query(
    `UPDATE anomaly_incidents SET last_anomaly_at = $2, quiet_points = $3, anomaly_count = $4, peak_score = $5,
       status = CASE WHEN $6::timestamptz IS NULL THEN 'open' ELSE 'closed' END, closed_at = $6,
       touched_at = CASE WHEN $7 THEN now() ELSE touched_at END
     WHERE id = $1`,
    [i.id, iso(i.lastAnomalyMs), i.quietPoints, i.count, i.peak, closedAt, i.touched],
  );
}

/** Queues one alert; the dedupe key makes a second queueing of the same alert a no-op. */
export async function queueAlert(
  tx: Queryable,
  series: string,
  incidentId: number,
  kind: 'opened' | 'closed',
  url: string,
  payload: Record<string, unknown>,
): Promise<number | undefined> {
  const r = await tx.query<{ id: number }>(
    `INSERT INTO anomaly_alerts (dedupe_key, series, incident_id, url, payload) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    [`incident-${incidentId}-${kind}`, series, incidentId, url, JSON.stringify(payload)],
  );
  return r.rows[0] ? Number(r.rows[0].id) : undefined;
}
