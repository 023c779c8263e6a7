// PUT /api/models/{name}/onnx?features=&threshold= (admin): a scikit-learn IsolationForest exported to ONNX, as the
// body's bytes; converted into the app's own forest and published as the named model {name} for POST /api/detect.
import { app } from '@azure/functions';
import { z } from 'zod';
import { ValidationError } from '@suite/shared/errors';
import { defineHandler, json, readBodyBytes } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';
import { namedModelParams } from './models-fit.ts';

/** An exported forest of 1,000 trees of depth 8 is about 10 MB. */
export const MAX_ONNX_BYTES = 32 * 1024 * 1024;

const query = z.object({
  features: z.coerce.number().int().min(1).max(32_767).optional(),
  threshold: z.coerce.number().gt(0).lt(1).optional(),
});

export const putModelOnnx = defineHandler(
  { params: namedModelParams, query, admin: true },
  async ({ params, query, request }) => {
    const bytes = await readBodyBytes(request, MAX_ONNX_BYTES);
    if (bytes.byteLength === 0)
      throw new ValidationError('body: empty', [
        { path: 'body', message: 'empty: send the .onnx file as application/octet-stream' },
      ]);
    return json(await getAnomaly().importOnnx(params.name, bytes, query), 201);
  },
);

app.http('putModelOnnx', {
  methods: ['PUT'],
  route: 'api/models/{name}/onnx',
  authLevel: 'anonymous',
  handler: putModelOnnx,
});
