// Timer (every minute): closes incidents of series gone quiet, then sends alerts whose backoff has passed.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getAnomaly } from '../service/anomaly.ts';

export async function alertsTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const { closeAlertsQueued, delivery } = await getAnomaly().sweepAlerts();
  context.log(
    `alerts: ${closeAlertsQueued} close alerts queued, ${delivery.delivered} delivered, ${delivery.retrying} to retry, ${delivery.failed} given up`,
  );
}

app.timer('alertsTimer', { schedule: '0 * * * * *', handler: alertsTimer });
