// Groups a series' consecutive anomalies into incidents and queues one alert per incident opening (and closing,
// when the series asks for it). Runs inside the ingestion transaction, on the fresh points in time order.
import type { Queryable } from '@suite/shared/db';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { queueAlert } from '../store/alert-repository.ts';
import {
  attachAnomalies,
  createIncident,
  findOpenIncident,
  saveIncident,
  type OpenIncident,
} from '../store/incident-repository.ts';
import { lockSeriesAlertSettings, type SeriesAlertSettings } from '../store/series-repository.ts';

/** A scored fresh point; `anomalyId` is set when it was recorded as a new anomaly. */
export interface GroupedPoint {
  timestampMs: number;
  value: number;
  verdict: string;
  score: number | null;
  z: number | null;
  threshold: number | null;
  anomalyId?: number | undefined;
}

/** How long an incident stays open after its last anomaly; either limit closes it, null disables that limit. */
export interface IncidentPolicy {
  gapPoints: number | null;
  gapSeconds: number | null;
  alertOnClose: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The series' own settings over the app defaults. */
export function incidentPolicy(row: Partial<SeriesAlertSettings>, config: AnomalyConfig): IncidentPolicy {
  return {
    gapPoints: row.incident_gap_points ?? config.incidentGapPoints,
    gapSeconds: row.incident_gap_seconds ?? config.incidentGapSeconds,
    alertOnClose: row.alert_on_close ?? config.alertOnClose,
  };
}

/** The payload of an incident's close alert. */
export function closedPayload(series: string, incident: OpenIncident, closedAtMs: number) {
  return {
    type: 'incident.closed',
    incidentId: String(incident.id),
    series,
    openedAt: iso(incident.openedAtMs),
    lastAnomalyAt: iso(incident.lastAnomalyMs),
    closedAt: iso(closedAtMs),
    anomalies: incident.count,
    peakScore: incident.peak,
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
  const row = await lockSeriesAlertSettings(tx, series);
  if (!row) return [];
  const policy = incidentPolicy(row, config);
  let open = await findOpenIncident(tx, series);
  const alertIds: number[] = [];
  const alert = async (incidentId: number, kind: 'opened' | 'closed', payload: Record<string, unknown>) => {
    const id = await queueAlert(tx, series, incidentId, kind, row.webhook_url!, payload);
    if (id !== undefined) alertIds.push(id);
  };
  const close = async (incident: OpenIncident, closedAtMs: number) => {
    await saveIncident(tx, incident, closedAtMs);
    if (row.webhook_url && policy.alertOnClose)
      await alert(incident.id, 'closed', closedPayload(series, incident, closedAtMs));
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
        open = await createIncident(tx, series, p.timestampMs, score);
        if (row.webhook_url) {
          await alert(open.id, 'opened', {
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
  if (open) await saveIncident(tx, open, null);
  await attachAnomalies(tx, attach);
  return alertIds;
}
