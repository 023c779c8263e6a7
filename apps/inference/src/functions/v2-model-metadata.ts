// GET /api/v2/models/{name}[/versions/{version}] (Open Inference Protocol model metadata): the serving version, platform and typed
// inputs/outputs with -1 for dynamic dimensions, plus the publisher's metadata.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getInference } from '../service/inference.ts';
import { modelVersionParams } from './model-params.ts';
import { withV2Error } from './v2-error.ts';

export const v2ModelMetadata = defineHandler({ params: modelVersionParams }, async ({ params }) =>
  json(await getInference().metadata(params.name, params.version)),
);

app.http('v2ModelMetadata', {
  methods: ['GET'],
  route: 'api/v2/models/{name}',
  authLevel: 'anonymous',
  handler: withV2Error(v2ModelMetadata),
});

app.http('v2ModelVersionMetadata', {
  methods: ['GET'],
  route: 'api/v2/models/{name}/versions/{version}',
  authLevel: 'anonymous',
  handler: withV2Error(v2ModelMetadata),
});
