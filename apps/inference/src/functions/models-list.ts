// GET /api/models: every published model with the version that serves it and that version's signature (the
// console's list; a model's versions are GET /api/models/{name}/versions).
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';

export const listModels = defineHandler({}, async () => json({ models: await getInference().models() }));

app.http('listModels', {
  methods: ['GET'],
  route: 'api/models',
  authLevel: 'anonymous',
  handler: listModels,
});
