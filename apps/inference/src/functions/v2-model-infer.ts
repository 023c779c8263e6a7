// POST /api/v2/models/{name}[/versions/{version}]/infer (Open Inference Protocol): typed tensors {name, shape, datatype, data} in,
// the same out, with the model version that served it.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { MAX_REQUEST_BODY_BYTES } from '../protocol/nested-tensor.ts';
import { getInference } from '../service/inference.ts';
import { modelVersionParams } from './model-params.ts';
import { refuseBinaryData } from './v2-binary-data.ts';
import { withV2Error } from './v2-error.ts';

// A request's shape is the tensor's own: -1 (a dynamic dimension) belongs in the model's metadata, where clients
// copy it from; saying so beats zod's "expected number to be >=0".
const dimension = z
  .number()
  .int({ error: 'a whole number: the size of this dimension of the tensor sent' })
  .min(0, {
    error: (issue) =>
      issue.input === -1
        ? '-1 marks a dynamic dimension in the model metadata; a request gives the size it sends (e.g. [1, 4])'
        : 'a size of 0 or more',
  })
  .max(1_000_000);
const tensor = z.object({
  name: z.string().min(1).max(256),
  shape: z.array(dimension).max(16),
  datatype: z.string().min(1).max(16),
  data: z.array(z.unknown()),
  parameters: z.record(z.string(), z.unknown()).optional(),
});
const body = z.object({
  id: z.string().max(256).optional(),
  inputs: z
    .array(tensor, {
      error: (issue) =>
        issue.code === 'invalid_type' && issue.input !== undefined
          ? 'an array of tensors, [{"name", "shape", "datatype", "data"}] (an object of named tensors is TF Serving\'s columnar format)'
          : undefined,
    })
    .min(1)
    .max(64),
  outputs: z
    .array(z.object({ name: z.string().min(1).max(256) }))
    .max(64)
    .optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

export const v2ModelInfer = defineHandler(
  { params: modelVersionParams, body, maxBodyBytes: MAX_REQUEST_BODY_BYTES },
  async ({ params, body }) => json(await getInference().infer(params.name, body, params.version)),
);

app.http('v2ModelInfer', {
  methods: ['POST'],
  route: 'api/v2/models/{name}/infer',
  authLevel: 'anonymous',
  handler: withV2Error(refuseBinaryData(v2ModelInfer)),
});

app.http('v2ModelVersionInfer', {
  methods: ['POST'],
  route: 'api/v2/models/{name}/versions/{version}/infer',
  authLevel: 'anonymous',
  handler: withV2Error(refuseBinaryData(v2ModelInfer)),
});
