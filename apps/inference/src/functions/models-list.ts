// GET /api/models: every published model with the version that serves it and that version's signature (the
// console's list; a model's versions are GET /api/models/{name}/versions), and the publish limits (`limits`): a
// client picks PUT or an upload URL by the model's size before it sends the bytes.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';

export const listModels = defineHandler({}, async () => {
  const inference = getInference();
  return json({ models: await inference.models(), limits: inference.publishLimits() });
});

app.http('listModels', {
  methods: ['GET'],
  route: 'api/models',
  authLevel: 'anonymous',
  handler: listModels,
});
