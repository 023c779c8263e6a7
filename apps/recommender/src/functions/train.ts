// POST /api/train (admin): train from the stored data with the chosen model and optimiser, publish the
// artifact, serve it at once, and answer with the held-out metrics.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { trainOptionsSchema } from '../training/train-options.ts';
import { getRecommender } from '../service/recommender.ts';

const body = trainOptionsSchema.strict().default({ kind: 'fm' });

export const train = defineHandler({ body, admin: true, maxBodyBytes: 8 * 1024 }, async ({ body }) => {
  return json(await getRecommender().train(body), 201);
});

app.http('train', { methods: ['POST'], route: 'train', authLevel: 'anonymous', handler: train });
