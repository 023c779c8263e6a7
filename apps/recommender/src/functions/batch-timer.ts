// Timer: batch inference, top-K for every user into rec_batch_recommendations (BATCH_SCHEDULE, BATCH_TOP_K).
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getRecommenderConfig } from '../config/recommender-config.ts';
import { getRecommender } from '../service/recommender.ts';

export async function batchTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const result = await getRecommender().batch();
  context.log(
    result.modelVersion
      ? `batch top-K for ${result.users} users from ${result.modelVersion} in ${result.ms} ms`
      : 'batch skipped: no model published yet',
  );
}

app.timer('batchTimer', { schedule: getRecommenderConfig().BATCH_SCHEDULE, handler: batchTimer });
