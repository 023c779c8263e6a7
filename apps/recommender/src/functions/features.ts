// POST /api/features: records in, engineered sparse FM feature vectors out. Anyone may encode the attributes a
// record carries; only an admin (x-admin-key) gets a stored user's attributes and rated items filled in.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, isAdminCaller, json } from '@suite/shared/http';
import { getRecommender } from '../service/recommender.ts';

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const body = z.object({
  records: z
    .array(
      z.object({
        userId: id,
        itemId: id,
        age: z.number().int().min(0).max(130).nullish(),
        gender: z.enum(['M', 'F']).nullish(),
        occupation: z.string().max(60).nullish(),
        rated: z.array(id).max(5000).optional(),
      }),
    )
    .min(1)
    .max(1000),
});

export const features = defineHandler({ body }, async ({ body, request }) =>
  json(await getRecommender().features(body.records, { storedUserData: isAdminCaller(request) })),
);

app.http('features', { methods: ['POST'], route: 'api/features', authLevel: 'anonymous', handler: features });
