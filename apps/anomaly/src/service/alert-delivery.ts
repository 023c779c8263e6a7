// Delivers queued alerts (incident opened / closed) to series webhooks: claimed one by one, retried with
// exponential backoff, never sent twice once one attempt succeeded.
import type { Db } from '@suite/shared/db';
import {
  claimDueAlerts,
  markAlertDelivered,
  markAlertFailed,
  scheduleAlertRetry,
  type ClaimedAlert,
} from '../store/alert-repository.ts';

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

/**
 * Claims due deliveries under a lease (two instances never post the same alert at once); success marks the
 * alert delivered, failure schedules the next attempt until the last one.
 */
export async function deliverPendingAlerts(db: Db, options: AlertDeliveryOptions): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const leaseSeconds = Math.ceil(options.timeoutMs / 1000) + 30;
  const claimed = await claimDueAlerts(db, leaseSeconds, options.limit ?? 50, options.alertIds ?? null);
  const doFetch = options.fetchImpl ?? fetch;
  // Series in parallel, each series' alerts in the order they were queued (an incident's close after its open).
  const bySeries = new Map<string, ClaimedAlert[]>();
  for (const row of [...claimed].sort((a, b) => Number(a.id) - Number(b.id))) {
    const list = bySeries.get(row.series);
    if (list) list.push(row);
    else bySeries.set(row.series, [row]);
  }
  const send = async (row: ClaimedAlert) => {
    const error = await post(doFetch, row, options.timeoutMs);
    if (error === undefined) {
      await markAlertDelivered(db, row.id);
      report.delivered++;
    } else if (row.attempts >= options.maxAttempts) {
      await markAlertFailed(db, row.id, error);
      report.failed++;
    } else {
      await scheduleAlertRetry(db, row.id, options.backoffSeconds * 2 ** (row.attempts - 1), error);
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
async function post(
  doFetch: typeof fetch,
  row: ClaimedAlert,
  timeoutMs: number,
): Promise<string | undefined> {
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
