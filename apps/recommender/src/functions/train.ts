// POST /api/train (admin): start a training job with the chosen model and optimiser and answer 202 at once with
// it; GET /api/jobs/{id} follows its per-epoch RMSE, and its result names the published version and metrics.
// The budget and the one-job-at-a-time rule are the service's, so the retrain timer obeys them too.
import { app } from '@azure/functions';
import { defineHandler } from '@suite/shared/http';
import { acceptedJob } from '@suite/shared/jobs';
import { getRecommender } from '../service/recommender.ts';
import { trainOptionsSchema } from '../training/train-options.ts';

const body = trainOptionsSchema.strict().default({ kind: 'fm' });

export const train = defineHandler({ body, admin: true, maxBodyBytes: 8 * 1024 }, async ({ body }) =>
  acceptedJob(await getRecommender().startTraining(body)),
);

app.http('train', { methods: ['POST'], route: 'api/train', authLevel: 'anonymous', handler: train });
