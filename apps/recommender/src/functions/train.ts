// POST /api/train (admin): train from the stored data with the chosen model and optimiser, publish the
// artifact, serve it at once, and answer with the held-out metrics.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import {
  MAX_TRAIN_COST,
  resolveTrainOptions,
  trainCost,
  trainOptionsSchema,
} from '../training/train-options.ts';
import { getRecommender } from '../service/recommender.ts';

const body = trainOptionsSchema
  .strict()
  .default({ kind: 'fm' })
  .superRefine((input, ctx) => {
    const o = resolveTrainOptions(input);
    const cost = trainCost(o);
    if (cost > MAX_TRAIN_COST) {
      ctx.addIssue({
        code: 'custom',
        path: ['epochs'],
        message:
          `epochs x k x blend${o.kind === 'fm' ? ' x maxChunks/8' : ''} = ${cost} (epochs ${o.epochs}, k ${o.k}, blend ${o.blend}, maxChunks ${o.maxChunks}) ` +
          `exceeds the budget of ${MAX_TRAIN_COST}; lower epochs, k, blend or maxChunks`,
      });
    }
  });

export const train = defineHandler({ body, admin: true, maxBodyBytes: 8 * 1024 }, async ({ body }) => {
  return json(await getRecommender().train(body), 201);
});

app.http('train', { methods: ['POST'], route: 'train', authLevel: 'anonymous', handler: train });
