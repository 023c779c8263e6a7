// POST /api/models/{name}:predict {"instances": [...]}: the TensorFlow Serving / Vertex AI row format.
// Answers {"predictions": [...], "model", "modelVersion"} (the version that served it).
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';
import { modelParams } from './model-params.ts';

const body = z.object({ instances: z.array(z.unknown()).min(1).max(100_000) });

export const predict = defineHandler(
  { params: modelParams, body, maxBodyBytes: 16 * 1024 * 1024 },
  async ({ params, body }) => json(await getInference().predict(params.name, body.instances)),
);

app.http('predict', {
  methods: ['POST'],
  route: 'api/models/{name}:predict',
  authLevel: 'anonymous',
  handler: predict,
});
