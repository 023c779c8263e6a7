// Timer: deletes the working blobs of finished training and pipeline runs (a succeeded run's at the next pass,
// a failed run's after FAILED_RUN_BLOB_DAYS), on RUN_BLOB_RETENTION_SCHEDULE.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getRecommenderConfig } from '../config/recommender-config.ts';
import { getPipelines } from '../service/pipelines.ts';
import { getRecommender } from '../service/recommender.ts';

export async function runBlobRetention(_timer: Timer, context: InvocationContext): Promise<void> {
  const policy = { keepFailedDays: getRecommenderConfig().FAILED_RUN_BLOB_DAYS };
  const training = await getRecommender().trainingRuns.retainBlobs(policy);
  const pipelines = await getPipelines().retainBlobs(policy);
  if (training.runs + pipelines.runs > 0)
    context.log(
      `run blob retention: ${training.blobs} blobs of ${training.runs} training runs, ` +
        `${pipelines.blobs} blobs of ${pipelines.runs} pipeline runs deleted`,
    );
}

app.timer('runBlobRetention', {
  schedule: getRecommenderConfig().RUN_BLOB_RETENTION_SCHEDULE,
  handler: runBlobRetention,
});
