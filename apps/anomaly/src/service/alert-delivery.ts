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
import { WebhookTargetRefusedError, type WebhookPoster } from './webhook-client.ts';

export interface AlertDeliveryOptions {
  maxAttempts: number;
  /** Delay before the first retry; each later retry doubles it. */
  backoffSeconds: number;
  timeoutMs: number;
  /** Deliveries handled per call, so one timer run stays bounded. */
  limit?: number;
  /** Only these alerts (right after ingestion); all due ones when omitted. */
  alertIds?: number[];
  /** The HTTP client: it reaches only addresses the webhook policy allows and follows no redirect. */
  poster: WebhookPoster;
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
  // Series in parallel, each series' alerts in the order they were queued (an incident's close after its open).
  const bySeries = new Map<string, ClaimedAlert[]>();
  for (const row of [...claimed].sort((a, b) => Number(a.id) - Number(b.id))) {
    const list = bySeries.get(row.series);
    if (list) list.push(row);
    else bySeries.set(row.series, [row]);
  }
  const send = async (row: ClaimedAlert) => {
    const error = await post(options.poster, row, options.timeoutMs);
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
  poster: WebhookPoster,
  row: ClaimedAlert,
  timeoutMs: number,
): Promise<string | undefined> {
  const body = typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload);
  try {
    const response = await poster(row.url, {
      headers: { 'content-type': 'application/json', 'idempotency-key': row.dedupe_key },
      body,
      timeoutMs,
    });
    if (response.ok) return undefined;
    // A redirect could lead anywhere, an internal address included: it is not followed, and counts as a failure.
    return response.status >= 300 && response.status < 400
      ? `HTTP ${response.status} (redirects are not followed)`
      : `HTTP ${response.status}`;
  } catch (error) {
    if (error instanceof WebhookTargetRefusedError) return `refused: ${error.message}`;
    if (!(error instanceof Error)) return String(error);
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
}
