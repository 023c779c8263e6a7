// GET /api/v2 (Open Inference Protocol server metadata) and GET /api/v2/models/{name}[/versions/{version}]/ready
// (the model, or that version of it, loads and serves: 200, else the load's error: 404 for one never published).
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import packageJson from '../../package.json' with { type: 'json' };
import { getInference } from '../service/inference.ts';
import { modelVersionParams } from './model-params.ts';
import { withV2Error } from './v2-error.ts';

export const v2ServerMetadata = defineHandler({}, () =>
  json({ name: 'suite-inference', version: packageJson.version, extensions: [] }),
);

export const v2ModelReady = defineHandler({ params: modelVersionParams }, async ({ params }) => {
  const { versions } = await getInference().metadata(params.name, params.version);
  return json({ name: params.name, ready: true, version: versions[0] });
});

app.http('v2ServerMetadata', {
  methods: ['GET'],
  route: 'api/v2',
  authLevel: 'anonymous',
  handler: withV2Error(v2ServerMetadata),
});

app.http('v2ModelReady', {
  methods: ['GET'],
  route: 'api/v2/models/{name}/ready',
  authLevel: 'anonymous',
  handler: withV2Error(v2ModelReady),
});

app.http('v2ModelVersionReady', {
  methods: ['GET'],
  route: 'api/v2/models/{name}/versions/{version}/ready',
  authLevel: 'anonymous',
  handler: withV2Error(v2ModelReady),
});
