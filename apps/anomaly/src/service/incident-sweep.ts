// Closes incidents of series that went quiet (no anomaly for the gap in seconds, by the wall clock), so a
// series that stopped sending still gets its incident closed and, when asked for, its close alert.
import type { Db } from '@suite/shared/db';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { queueAlert } from '../store/alert-repository.ts';
import { closeIncidentNow, lockStaleIncidents } from '../store/incident-repository.ts';
import { closedPayload } from './incident-grouping.ts';

/** Closes stale open incidents; returns the ids of the close alerts queued. */
export async function closeStaleIncidents(db: Db, config: AnomalyConfig): Promise<number[]> {
  return db.transaction(async (tx) => {
    const stale = await lockStaleIncidents(tx, config.incidentGapSeconds);
    const ids: number[] = [];
    for (const r of stale) {
      const closedAt = await closeIncidentNow(tx, Number(r.id));
      if (!r.webhook_url || !(r.alert_on_close ?? config.alertOnClose)) continue;
      const incident = {
        id: Number(r.id),
        openedAtMs: new Date(r.opened_at).getTime(),
        lastAnomalyMs: new Date(r.last_anomaly_at).getTime(),
        quietPoints: 0,
        count: Number(r.anomaly_count),
        peak: Number(r.peak_score),
        touched: false,
      };
      const id = await queueAlert(
        tx,
        r.series,
        incident.id,
        'closed',
        r.webhook_url,
        closedPayload(r.series, incident, closedAt.getTime()),
      );
      if (id !== undefined) ids.push(id);
    }
    return ids;
  });
}
