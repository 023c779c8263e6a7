// POST /api/train (admin): train from the stored data with the chosen model and optimiser, publish the
// artifact, serve it at once, and answer with the held-out metrics. The budget and the one-job-at-a-time
// rule are the service's, so the retrain timer obeys them too.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getRecommender } from '../service/recommender.ts';
import { trainOptionsSchema } from '../training/train-options.ts';

const body = trainOptionsSchema.strict().default({ kind: 'fm' });

export const train = defineHandler({ body, admin: true, maxBodyBytes: 8 * 1024 }, async ({ body }) =>
  json(await getRecommender().train(body), 201),
);

app.http('train', { methods: ['POST'], route: 'api/train', authLevel: 'anonymous', handler: train });
