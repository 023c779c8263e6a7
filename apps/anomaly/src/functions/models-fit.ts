// POST /api/models/{name}/fit (admin) {rows, nTrees?, sampleSize?, seed?, zThreshold?}: fits and publishes a model.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { MODEL_NAME_PATTERN } from '@suite/shared/models';
import { getAnomaly } from '../service/anomaly.ts';

/** A named model's name: the model store's pattern, and never a series' model name. */
export const namedModelParams = z.object({
  name: z
    .string()
    .regex(MODEL_NAME_PATTERN, 'name: lowercase letters, digits, . _ - (max 64)')
    .refine((n) => !n.startsWith('series-'), 'names starting with series- belong to metric series'),
});
const body = z.object({
  rows: z.array(z.array(z.number().finite()).min(1).max(32_767)).min(2).max(200_000),
  nTrees: z.number().int().min(1).max(1000).default(100),
  sampleSize: z.number().int().min(2).max(100_000).default(256),
  seed: z.number().int().default(1),
  zThreshold: z.number().min(0.5).max(50).default(4),
});

export const postModelFit = defineHandler(
  { params: namedModelParams, body, admin: true, maxBodyBytes: 32 * 1024 * 1024 },
  async ({ params, body }) => json(await getAnomaly().fitModel(params.name, body), 201),
);

app.http('postModelFit', {
  methods: ['POST'],
  route: 'api/models/{name}/fit',
  authLevel: 'anonymous',
  handler: postModelFit,
});
