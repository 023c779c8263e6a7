// POST /api/detect {model, rows}: scores feature vectors with a named model; nothing is stored.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { MODEL_NAME_PATTERN } from '@suite/shared/models';
import { getAnomaly } from '../service/anomaly.ts';

const body = z.object({
  model: z.string().regex(MODEL_NAME_PATTERN, 'model: lowercase letters, digits, . _ - (max 64)'),
  rows: z.array(z.array(z.number().finite()).min(1).max(32_767)).min(1).max(50_000),
});

export const postDetect = defineHandler({ body, maxBodyBytes: 8 * 1024 * 1024 }, async ({ body }) =>
  json(await getAnomaly().detect(body.model, body.rows)),
);

app.http('postDetect', {
  methods: ['POST'],
  route: 'api/detect',
  authLevel: 'anonymous',
  handler: postDetect,
});
