// GET /api/models/{name}/versions: every published version with its signature and metadata, the latest, the pin
// and the version predictions use.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';
import { modelParams } from './model-params.ts';

export const getModelVersions = defineHandler({ params: modelParams }, async ({ params }) =>
  json(await getInference().versions(params.name)),
);

app.http('getModelVersions', {
  methods: ['GET'],
  route: 'api/models/{name}/versions',
  authLevel: 'anonymous',
  handler: getModelVersions,
});
