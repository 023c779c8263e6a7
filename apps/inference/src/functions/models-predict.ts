// POST /api/models/{name}:predict {"instances": [...]}: the TensorFlow Serving / Vertex AI row format.
// Answers {"predictions": [...], "model", "modelVersion"} (the version that served it).
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { MAX_REQUEST_BODY_BYTES } from '../protocol/nested-tensor.ts';
import { getInference } from '../service/inference.ts';
import { modelParams } from './model-params.ts';

// Missing `instances` says what to send: TF Serving's columnar {"inputs": ...} is the other body a client may know.
const body = z.object({
  instances: z
    .array(z.unknown(), {
      error: (issue) =>
        issue.input === undefined
          ? 'required: {"instances": [...]}, one row per instance (TF Serving\'s columnar "inputs" is not served here)'
          : undefined,
    })
    .min(1)
    .max(100_000),
});

export const predict = defineHandler(
  { params: modelParams, body, maxBodyBytes: MAX_REQUEST_BODY_BYTES },
  async ({ params, body }) => json(await getInference().predict(params.name, body.instances)),
);

app.http('predict', {
  methods: ['POST'],
  route: 'api/models/{name}:predict',
  authLevel: 'anonymous',
  handler: predict,
});
