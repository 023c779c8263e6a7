// PUT /api/models/{name}/pin (admin) {"version"}: serve that version instead of the latest (roll back);
// DELETE /api/models/{name}/pin (admin): serve the latest again.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';
import { VERSION_PATTERN, modelParams } from './model-params.ts';

const body = z.object({
  version: z.string().regex(VERSION_PATTERN, 'a version id from GET .../versions'),
});

export const putModelPin = defineHandler(
  { params: modelParams, body, admin: true },
  async ({ params, body }) => json(await getInference().pin(params.name, body.version)),
);

export const deleteModelPin = defineHandler({ params: modelParams, admin: true }, async ({ params }) =>
  json(await getInference().unpin(params.name)),
);

app.http('putModelPin', {
  methods: ['PUT'],
  route: 'api/models/{name}/pin',
  authLevel: 'anonymous',
  handler: putModelPin,
});

app.http('deleteModelPin', {
  methods: ['DELETE'],
  route: 'api/models/{name}/pin',
  authLevel: 'anonymous',
  handler: deleteModelPin,
});
