// Timer: refits every active series on its latest window and publishes the models (every 10 minutes).
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getDb } from '@suite/shared/db';
import { getAnomalyConfig } from '../service/anomaly-config.ts';
import { ensureAnomalySchema } from '../service/anomaly-schema.ts';
import { getSeriesModelSource } from '../service/model-registry.ts';
import { refitActiveSeries } from '../service/refit-series.ts';

export async function refitTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const db = getDb();
  await ensureAnomalySchema(db);
  const results = await refitActiveSeries(db, getSeriesModelSource(), getAnomalyConfig());
  const published = results.filter((r) => r.status === 'published').length;
  context.log(`refit: ${published} published, ${results.length - published} still warming up`);
}

app.timer('refitTimer', { schedule: '0 */10 * * * *', handler: refitTimer });
