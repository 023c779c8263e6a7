// Delivers queued anomaly alerts to series webhooks: claimed one by one, retried with exponential backoff,
// never sent twice for one anomaly once it succeeded.
import type { Db } from '@suite/shared/db';

export interface AlertDeliveryOptions {
  maxAttempts: number;
  /** Delay before the first retry; each later retry doubles it. */
  backoffSeconds: number;
  timeoutMs: number;
  /** Deliveries handled per call, so one timer run stays bounded. */
  limit?: number;
  /** Only these anomalies (right after ingestion); all due ones when omitted. */
  anomalyIds?: number[];
  fetchImpl?: typeof fetch;
}

export interface DeliveryReport {
  delivered: number;
  retrying: number;
  failed: number;
}

interface ClaimedRow {
  anomaly_id: number;
  url: string;
  attempts: number;
  series: string;
  ts: Date;
  value: number;
  score: number;
  z: number;
  threshold: number;
}

/**
 * Claims due deliveries by pushing their next attempt time ahead first (a lease), so two instances never post
 * the same alert at once; success marks the row delivered, failure schedules the next attempt.
 */
export async function deliverPendingAlerts(db: Db, options: AlertDeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const leaseSeconds = Math.ceil(options.timeoutMs / 1000) + 30;
  const claimed = await db.query<ClaimedRow>(
    `UPDATE anomaly_alert_deliveries d SET next_attempt_at = now() + make_interval(secs => $1), attempts = d.attempts + 1
     FROM anomaly_anomalies a
     WHERE d.anomaly_id = a.id AND d.anomaly_id IN (
       SELECT anomaly_id FROM anomaly_alert_deliveries
       WHERE status = 'pending' AND next_attempt_at <= now() AND ($3::bigint[] IS NULL OR anomaly_id = ANY($3::bigint[]))
       ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING d.anomaly_id, d.url, d.attempts, a.series, a.ts, a.value, a.score, a.z, a.threshold`,
    [leaseSeconds, options.limit ?? 50, options.anomalyIds ?? null],
  );
  const doFetch = options.fetchImpl ?? fetch;
  await Promise.all(
    claimed.rows.map(async (row) => {
      const error = await post(doFetch, row, options.timeoutMs);
      if (error === undefined) {
        await db.query(
          `UPDATE anomaly_alert_deliveries SET status = 'delivered', delivered_at = now(), last_error = NULL
           WHERE anomaly_id = $1`,
          [row.anomaly_id],
        );
        report.delivered++;
      } else if (row.attempts >= options.maxAttempts) {
        await db.query(
          `UPDATE anomaly_alert_deliveries SET status = 'failed', last_error = $2 WHERE anomaly_id = $1`,
          [row.anomaly_id, error],
        );
        report.failed++;
      } else {
        const delay = options.backoffSeconds * 2 ** (row.attempts - 1);
        await db.query(
          `UPDATE anomaly_alert_deliveries SET next_attempt_at = now() + make_interval(secs => $2), last_error = $3
           WHERE anomaly_id = $1`,
          [row.anomaly_id, delay, error],
        );
        report.retrying++;
      }
    }),
  );
  return report;
}

/** POSTs the alert; returns undefined on a 2xx, else a short reason. */
async function post(doFetch: typeof fetch, row: ClaimedRow, timeoutMs: number): Promise<string | undefined> {
  const body = {
    type: 'anomaly',
    anomalyId: String(row.anomaly_id),
    series: row.series,
    timestamp: new Date(row.ts).toISOString(),
    value: Number(row.value),
    score: Number(row.score),
    z: Number(row.z),
    threshold: Number(row.threshold),
  };
  try {
    const response = await doFetch(row.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `anomaly-${row.anomaly_id}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    return response.ok ? undefined : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}
