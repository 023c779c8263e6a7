// GET /api/users/{id}/recommendations?k=10&exclude_seen=true: top-K with scores; never an error for a new user.
// exclude_seen=false is the admin's: beside the default list it would show which items the user rated.
import { app } from '@azure/functions';
import { z } from 'zod';
import { UnauthorizedError } from '@suite/shared/errors';
import { defineHandler, isAdminCaller, json } from '@suite/shared/http';
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
  async ({ params, query, request }) => {
    // A user's ratings are theirs (like their features): the two lists' difference would list them.
    if (!query.exclude_seen && !isAdminCaller(request)) {
      throw new UnauthorizedError(
        'query.exclude_seen=false lists the items the user rated: it needs the admin key (x-admin-key).',
        401,
      );
    }
    return json(await getRecommender().recommend(params.id, query.k, query.exclude_seen));
  },
);

app.http('recommendations', {
  methods: ['GET'],
  route: 'api/users/{id}/recommendations',
  authLevel: 'anonymous',
  handler: recommendations,
});
