// Timer: periodic retrain on the stored data (schedule RETRAIN_SCHEDULE, options RETRAIN_OPTIONS, both
// validated at start), under the same budget and one-job rule as POST /api/train.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getRecommenderConfig } from '../config/recommender-config.ts';
import { getRecommender } from '../service/recommender.ts';

export async function retrainTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const report = await getRecommender().retrain();
  context.log(
    `retrained ${report.model} ${report.version}: ${report.trainCount} ratings, validation RMSE ${report.validation?.rmse ?? 'n/a'}, NDCG@10 ${report.rankingValidation?.ndcgAt10 ?? 'n/a'}`,
  );
}

app.timer('retrainTimer', { schedule: getRecommenderConfig().RETRAIN_SCHEDULE, handler: retrainTimer });
