// GET /api/users/{id}/items/{item}/score: the model's predicted rating for one pair.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getRecommender } from '../service/recommender.ts';

const id = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive decimal integer')
  .transform(Number)
  .pipe(z.number().max(2 ** 31 - 1));

export const score = defineHandler({ params: z.object({ id, item: id }) }, async ({ params }) =>
  json(await getRecommender().score(params.id, params.item)),
);

app.http('score', {
  methods: ['GET'],
  route: 'api/users/{id}/items/{item}/score',
  authLevel: 'anonymous',
  handler: score,
});
