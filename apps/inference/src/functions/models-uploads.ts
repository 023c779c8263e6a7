// POST /api/models/{name}/uploads (admin): a short-lived URL to PUT a model too large for the HTTP body straight to
// Blob storage; POST /api/models/{name}/uploads/{uploadId}/publish (admin) {"metadata"?}: publish what was uploaded;
// DELETE /api/models/{name}/uploads/{uploadId} (admin): discard an upload that will not be published (cancelled).
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';
import { UPLOAD_ID_PATTERN } from '../uploads/upload-staging.ts';
import { modelParams } from './model-params.ts';

const uploadParams = modelParams.extend({
  uploadId: z.string().regex(UPLOAD_ID_PATTERN, 'the uploadId POST /api/models/{name}/uploads answered'),
});
const publishBody = z
  .object({ metadata: z.record(z.string(), z.unknown()).optional() })
  .strict()
  .optional();

export const postModelUpload = defineHandler({ params: modelParams, admin: true }, async ({ params }) =>
  json(await getInference().offerUpload(params.name), 201, { 'cache-control': 'no-store' }),
);

export const publishModelUpload = defineHandler(
  { params: uploadParams, body: publishBody, maxBodyBytes: 16 * 1024, admin: true },
  async ({ params, body }) =>
    json(await getInference().publishUpload(params.name, params.uploadId, body?.metadata ?? {}), 201),
);

export const deleteModelUpload = defineHandler({ params: uploadParams, admin: true }, async ({ params }) => {
  await getInference().discardUpload(params.name, params.uploadId);
  return { status: 204 };
});

app.http('postModelUpload', {
  methods: ['POST'],
  route: 'api/models/{name}/uploads',
  authLevel: 'anonymous',
  handler: postModelUpload,
});

app.http('publishModelUpload', {
  methods: ['POST'],
  route: 'api/models/{name}/uploads/{uploadId}/publish',
  authLevel: 'anonymous',
  handler: publishModelUpload,
});

app.http('deleteModelUpload', {
  methods: ['DELETE'],
  route: 'api/models/{name}/uploads/{uploadId}',
  authLevel: 'anonymous',
  handler: deleteModelUpload,
});
