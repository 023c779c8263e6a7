// Timer (every minute): closes incidents of series gone quiet, then sends alerts whose backoff has passed.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getDb } from '@suite/shared/db';
import { deliverPendingAlerts } from '../service/alert-delivery.ts';
import { getAnomalyConfig } from '../service/anomaly-config.ts';
import { ensureAnomalySchema } from '../service/anomaly-schema.ts';
import { closeStaleIncidents } from '../service/incident-sweep.ts';

export async function alertsTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const db = getDb();
  await ensureAnomalySchema(db);
  const config = getAnomalyConfig();
  const closed = await closeStaleIncidents(db, config);
  const report = await deliverPendingAlerts(db, {
    maxAttempts: config.alertMaxAttempts,
    backoffSeconds: config.alertBackoffSeconds,
    timeoutMs: config.alertTimeoutMs,
    limit: 200,
  });
  context.log(
    `alerts: ${closed.length} close alerts queued, ${report.delivered} delivered, ${report.retrying} to retry, ${report.failed} given up`,
  );
}

app.timer('alertsTimer', { schedule: '0 * * * * *', handler: alertsTimer });
