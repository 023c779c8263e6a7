// GET /api/openapi.json: the anomaly app's API as OpenAPI 3.1, generated from the handlers' zod schemas.
import { app } from '@azure/functions';
import {
  createApiKey,
  createOpenApiHandler,
  getApiKeyUsage,
  listApiKeys,
  revokeApiKey,
} from '@suite/shared/http';
import packageJson from '../../package.json' with { type: 'json' };
import { postDetect } from './detect.ts';
import { edgeSeries } from './edge-series.ts';
import { health } from './health.ts';
import { postMetrics } from './metrics.ts';
import { listModels, pinModel, unpinModel } from './models.ts';
import { postModelFit } from './models-fit.ts';
import { putModelOnnx } from './models-onnx.ts';
import { getSeries } from './series.ts';
import { getSeriesAnomalies } from './series-anomalies.ts';
import { getSeriesIncidents } from './series-incidents.ts';
import { getSeriesScores } from './series-scores.ts';
import { putSeriesWebhook } from './series-webhook.ts';

export const openApi = createOpenApiHandler({ title: 'Anomaly', version: packageJson.version }, () => [
  { method: 'post', path: '/api/metrics', summary: 'Store and score metric points', handler: postMetrics },
  { method: 'get', path: '/api/series', summary: 'Series with counts and model', handler: getSeries },
  {
    method: 'get',
    path: '/api/series/{id}/anomalies',
    summary: "A series' anomalies",
    handler: getSeriesAnomalies,
  },
  { method: 'get', path: '/api/series/{id}/scores', summary: "A series' scores", handler: getSeriesScores },
  {
    method: 'get',
    path: '/api/series/{id}/incidents',
    summary: "A series' incidents with their alert deliveries",
    handler: getSeriesIncidents,
  },
  {
    method: 'put',
    path: '/api/series/{id}/webhook',
    summary: "Set a series' webhook and incident grouping",
    handler: putSeriesWebhook,
  },
  {
    method: 'post',
    path: '/api/models/{name}/fit',
    summary: 'Fit and publish a named model',
    handler: postModelFit,
  },
  {
    method: 'put',
    path: '/api/models/{name}/onnx',
    summary: 'Publish a scikit-learn IsolationForest exported to ONNX (body: the .onnx bytes)',
    handler: putModelOnnx,
  },
  { method: 'post', path: '/api/detect', summary: 'Score rows with a named model', handler: postDetect },
  { method: 'get', path: '/api/models', summary: 'Model versions with metrics', handler: listModels },
  {
    method: 'post',
    path: '/api/models/{version}/pin',
    summary: 'Pin and serve a version (an older one: rollback)',
    handler: pinModel,
  },
  { method: 'delete', path: '/api/models/{version}/pin', summary: 'Unpin a version', handler: unpinModel },
  { method: 'get', path: '/api/apikeys', summary: 'Client API keys', handler: listApiKeys },
  { method: 'post', path: '/api/apikeys', summary: 'Create a client API key', handler: createApiKey },
  { method: 'delete', path: '/api/apikeys/{id}', summary: 'Revoke a client API key', handler: revokeApiKey },
  {
    method: 'get',
    path: '/api/apikeys/{id}/usage',
    summary: 'Usage of a client API key',
    handler: getApiKeyUsage,
  },
  {
    method: 'get',
    path: '/api/edge/series/{id}',
    summary: "A series' model and recent points, to score on the device",
    handler: edgeSeries,
  },
  { method: 'get', path: '/api/health', summary: 'Health', handler: health },
]);

app.http('openApi', {
  methods: ['GET'],
  route: 'api/openapi.json',
  authLevel: 'anonymous',
  handler: openApi,
});
