// Closes incidents of series that went quiet (no anomaly for the gap in seconds, by the wall clock), so a
// series that stopped sending still gets its incident closed and, when asked for, its close alert.
import type { Db } from '@suite/shared/db';
import type { AnomalyConfig } from './anomaly-config.ts';
import { queueAlert } from './incident-grouping.ts';

/** Closes stale open incidents; returns the ids of the close alerts queued. */
export async function closeStaleIncidents(db: Db, config: AnomalyConfig): Promise<number[]> {
  return db.transaction(async (tx) => {
    const stale = await tx.query<{
      id: number;
      series: string;
      opened_at: Date;
      last_anomaly_at: Date;
      anomaly_count: number;
      peak_score: number;
      webhook_url: string | null;
      alert_on_close: boolean | null;
    }>(
      `SELECT i.id, i.series, i.opened_at, i.last_anomaly_at, i.anomaly_count, i.peak_score, s.webhook_url,
         s.alert_on_close
       FROM anomaly_incidents i JOIN anomaly_series s ON s.id = i.series
       WHERE i.status = 'open'
         AND i.touched_at < now() - make_interval(secs => COALESCE(s.incident_gap_seconds, $1::int))
       ORDER BY i.id LIMIT 200 FOR UPDATE OF i SKIP LOCKED`,
      [config.incidentGapSeconds],
    );
    const ids: number[] = [];
    for (const r of stale.rows) {
      const closed = await tx.query<{ closed_at: Date }>(
        `UPDATE anomaly_incidents SET status = 'closed', closed_at = now() WHERE id = $1 RETURNING closed_at`,
        [r.id],
      );
      if (!r.webhook_url || !(r.alert_on_close ?? config.alertOnClose)) continue;
      const id = await queueAlert(tx, r.series, Number(r.id), 'closed', r.webhook_url, {
        type: 'incident.closed',
        incidentId: String(r.id),
        series: r.series,
        openedAt: new Date(r.opened_at).toISOString(),
        lastAnomalyAt: new Date(r.last_anomaly_at).toISOString(),
        closedAt: new Date(closed.rows[0]!.closed_at).toISOString(),
        anomalies: Number(r.anomaly_count),
        peakScore: Number(r.peak_score),
      });
      if (id !== undefined) ids.push(id);
    }
    return ids;
  });
}
