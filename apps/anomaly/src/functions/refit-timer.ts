// Timer: refits every active series on its latest window and publishes the models (every 10 minutes).
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getAnomaly } from '../service/anomaly.ts';

export async function refitTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const results = await getAnomaly().refitActive();
  const published = results.filter((r) => r.status === 'published').length;
  context.log(`refit: ${published} published, ${results.length - published} still warming up`);
}

app.timer('refitTimer', { schedule: '0 */10 * * * *', handler: refitTimer });
