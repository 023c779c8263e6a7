// GET /api/users/{id}/recommendations?k=10&exclude_seen=true: top-K with scores; never an error for a new user.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getRecommender } from '../service/recommender.ts';

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const recommendations = defineHandler(
  {
    params: z.object({
      id: z
        .string()
        .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive decimal integer')
        .transform(Number)
        .pipe(z.number().max(2 ** 31 - 1)),
    }),
    query: z.object({
      k: z.coerce.number().int().min(1).max(100).default(10),
      exclude_seen: flag.default(true),
    }),
  },
  async ({ params, query }) => json(await getRecommender().recommend(params.id, query.k, query.exclude_seen)),
);

app.http('recommendations', {
  methods: ['GET'],
  route: 'api/users/{id}/recommendations',
  authLevel: 'anonymous',
  handler: recommendations,
});
