// Delivers queued alerts (incident opened / closed) to series webhooks: claimed one by one, retried with
// exponential backoff, never sent twice once one attempt succeeded.
import type { Db } from '@suite/shared/db';

export interface AlertDeliveryOptions {
  maxAttempts: number;
  /** Delay before the first retry; each later retry doubles it. */
  backoffSeconds: number;
  timeoutMs: number;
  /** Deliveries handled per call, so one timer run stays bounded. */
  limit?: number;
  /** Only these alerts (right after ingestion); all due ones when omitted. */
  alertIds?: number[];
  fetchImpl?: typeof fetch;
}

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  failed: number;
}

interface ClaimedRow {
  id: number;
  dedupe_key: string;
  url: string;
  attempts: number;
  series: string;
  payload: Record<string, unknown> | string;
}

/**
 * Claims due deliveries by pushing their next attempt time ahead first (a lease), so two instances never post
 * the same alert at once; success marks the row delivered, failure schedules the next attempt.
 */
export async function deliverPendingAlerts(db: Db, options: AlertDeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const leaseSeconds = Math.ceil(options.timeoutMs / 1000) + 30;
  const claimed = await db.query<ClaimedRow>(
    `UPDATE anomaly_alerts d SET next_attempt_at = now() + make_interval(secs => $1), attempts = d.attempts + 1
     WHERE d.id IN (
       SELECT id FROM anomaly_alerts
       WHERE status = 'pending' AND next_attempt_at <= now() AND ($3::bigint[] IS NULL OR id = ANY($3::bigint[]))
       ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING d.id, d.dedupe_key, d.url, d.attempts, d.series, d.payload`,
    [leaseSeconds, options.limit ?? 50, options.alertIds ?? null],
  );
  const doFetch = options.fetchImpl ?? fetch;
  // Series in parallel, each series' alerts in the order they were queued (an incident's close after its open).
  const bySeries = new Map<string, ClaimedRow[]>();
  for (const row of [...claimed.rows].sort((a, b) => Number(a.id) - Number(b.id))) {
    const list = bySeries.get(row.series);
    if (list) list.push(row);
    else bySeries.set(row.series, [row]);
  }
  const send = async (row: ClaimedRow) => {
    const error = await post(doFetch, row, options.timeoutMs);
    if (error === undefined) {
      await db.query(
        `UPDATE anomaly_alerts SET status = 'delivered', delivered_at = now(), last_error = NULL WHERE id = $1`,
        [row.id],
      );
      report.delivered++;
    } else if (row.attempts >= options.maxAttempts) {
      await db.query(`UPDATE anomaly_alerts SET status = 'failed', last_error = $2 WHERE id = $1`, [
        row.id,
        error,
      ]);
      report.failed++;
    } else {
      const delay = options.backoffSeconds * 2 ** (row.attempts - 1);
      await db.query(
        `UPDATE anomaly_alerts SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3 WHERE id = $1`,
        [row.id, delay, error],
      );
      report.retrying++;
    }
  };
  await Promise.all(
    [...bySeries.values()].map(async (rows) => {
      for (const row of rows) await send(row);
    }),
  );
  return report;
}

/** POSTs the alert; returns undefined on a 2xx, else a short reason. */
async function post(doFetch: typeof fetch, row: ClaimedRow, timeoutMs: number): Promise<string | undefined> {
  const body = typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload);
  try {
    const response = await doFetch(row.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': row.dedupe_key },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
