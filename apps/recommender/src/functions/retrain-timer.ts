// Timer: periodic retrain on the stored data (schedule RETRAIN_SCHEDULE, options RETRAIN_OPTIONS).
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getRecommenderConfig } from '../config/recommender-config.ts';
import { getRecommender } from '../service/recommender.ts';
import { trainOptionsSchema } from '../training/train-options.ts';

export async function retrainTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  const options = trainOptionsSchema.parse(JSON.parse(getRecommenderConfig().RETRAIN_OPTIONS));
  const report = await getRecommender().train(options);
  context.log(
    `retrained ${report.model} ${report.version}: ${report.trainCount} ratings, validation RMSE ${report.validation?.rmse ?? 'n/a'}`,
  );
}

app.timer('retrainTimer', { schedule: getRecommenderConfig().RETRAIN_SCHEDULE, handler: retrainTimer });
