// SQL of anomaly_alerts: queueing an alert once, claiming due deliveries under a lease, recording each attempt.
import type { Db, Queryable } from '@suite/shared/db';

/** Queues one alert; the dedupe key makes a second queueing of the same alert a no-op (undefined). */
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

export interface ClaimedAlert {
  id: number;
  dedupe_key: string;
  url: string;
  /** Attempts including this one. */
  attempts: number;
  series: string;
  payload: Record<string, unknown> | string;
}

/**
 * Claims due deliveries by pushing their next attempt time ahead first (a lease), so two instances never post
 * the same alert at once. `alertIds` restricts the claim to those alerts; null claims any due one.
 */
export async function claimDueAlerts(
  db: Db,
  leaseSeconds: number,
  limit: number,
  alertIds: readonly number[] | null,
): Promise<ClaimedAlert[]> {
  const claimed = await db.query<ClaimedAlert>(
    `UPDATE anomaly_alerts d SET next_attempt_at = now() + make_interval(secs => $1), attempts = d.attempts + 1
     WHERE d.id IN (
       SELECT id FROM anomaly_alerts
       WHERE status = 'pending' AND next_attempt_at <= now() AND ($3::bigint[] IS NULL OR id = ANY($3::bigint[]))
       ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING d.id, d.dedupe_key, d.url, d.attempts, d.series, d.payload`,
    [leaseSeconds, limit, alertIds],
  );
  return claimed.rows;
}

export async function markAlertDelivered(db: Db, id: number): Promise<void> {
  await db.query(
    `UPDATE anomaly_alerts SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`,
    [id],
  );
}

export async function markAlertFailed(db: Db, id: number, error: string): Promise<void> {
  await db.query(`UPDATE anomaly_alerts SET status = 'failed', last_error = $2 WHERE id = $1`, [id, error]);
}

export async function scheduleAlertRetry(
  db: Db,
  id: number,
  delaySeconds: number,
  error: string,
): Promise<void> {
  await db.query(
    `UPDATE anomaly_alerts SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1`,
    [id, delaySeconds, error],
  );
}

/** One webhook delivery of an incident's alert, as the incidents endpoint reports it. */
export interface AlertDelivery {
  type: string;
  status: string;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** The deliveries of each incident in `incidentIds`, oldest first (the URL stays out: it may hold a secret). */
export async function listIncidentDeliveries(
  db: Db,
  incidentIds: readonly number[],
): Promise<Map<number, AlertDelivery[]>> {
  const found = new Map<number, AlertDelivery[]>();
  if (incidentIds.length === 0) return found;
  const rows = await db.query<{
    incident_id: number;
    type: string | null;
    status: string;
    attempts: number;
    last_error: string | null;
    delivered_at: Date | null;
    created_at: Date;
  }>(
    `SELECT incident_id, payload->>'type' AS type, status, attempts, last_error, delivered_at, created_at
     FROM anomaly_alerts WHERE incident_id = ANY($1::bigint[]) ORDER BY created_at, id`,
    [incidentIds],
  );
  for (const r of rows.rows) {
    const list = found.get(Number(r.incident_id)) ?? [];
    list.push({
      type: r.type ?? 'alert',
      status: r.status,
      attempts: Number(r.attempts),
      lastError: r.last_error,
      deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at).toISOString(),
      createdAt: new Date(r.created_at).toISOString(),
    });
    found.set(Number(r.incident_id), list);
  }
  return found;
}
