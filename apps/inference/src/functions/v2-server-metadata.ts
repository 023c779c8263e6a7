// GET /api/v2 (Open Inference Protocol server metadata) and GET /api/v2/models/{name}[/versions/{version}]/ready
// (the model, or that version of it, loads and serves: 200; else a 4xx, the spec's "not ready": 404 for one never
// published, 400 `not_ready` naming why for one that does not load or a store that does not answer).
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import packageJson from '../../package.json' with { type: 'json' };
import { notReadyFrom } from '../protocol/not-ready.ts';
import { getInference } from '../service/inference.ts';
import { modelVersionParams } from './model-params.ts';
import { withV2Error } from './v2-error.ts';

export const v2ServerMetadata = defineHandler({}, () =>
  json({ name: 'suite-inference', version: packageJson.version, extensions: [] }),
);

export const v2ModelReady = defineHandler({ params: modelVersionParams }, async ({ params, context }) => {
  try {
    const version = await getInference().modelReady(params.name, params.version);
    return json({ name: params.name, ready: true, version });
  } catch (error) {
    const what = `Model "${params.name}"${params.version === undefined ? '' : ` version "${params.version}"`}`;
    throw notReadyFrom(what, error, (cause) => context.warn(`${what} is not ready`, cause));
  }
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
