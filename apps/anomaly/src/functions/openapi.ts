// GET /api/openapi.json: the anomaly app's API as OpenAPI 3.1, generated from the handlers' zod schemas.
import { app } from '@azure/functions';
import { apiKeyRoutes, createOpenApiHandler, modelRoutes, registerOpenApiFunction } from '@suite/shared/http';
import packageJson from '../../package.json' with { type: 'json' };
import { API_KEYS_ROUTE } from './api-keys.ts';
import { postDetect } from './detect.ts';
import { edgeSeries } from './edge-series.ts';
import { health } from './health.ts';
import { postMetrics } from './metrics.ts';
import { modelHandlers } from './models.ts';
import { postModelFit } from './models-fit.ts';
import { putModelOnnx } from './models-onnx.ts';
import { getSeries } from './series.ts';
import { getSeriesAnomalies } from './series-anomalies.ts';
import { getSeriesIncidents } from './series-incidents.ts';
import { getSeriesScores } from './series-scores.ts';
import { putSeriesWebhook } from './series-webhook.ts';

export const openApi = createOpenApiHandler({ title: 'Anomaly', version: packageJson.version }, () => [
  {
    method: 'post',
    path: '/api/metrics',
    summary: 'Store and score metric points',
    handler: postMetrics,
    responses: {
      '200':
        'At least one point was taken (stored, or already stored: duplicate, conflict); `results` answers each ' +
        'point in order, a rejected one with `field` and `reason` (OTLP partial success: do not resend it as is)',
      '400':
        'application/problem+json, code `points_rejected` when every point was rejected (nothing stored): ' +
        '`errors` names each as `points.<index>.<field>` with its reason; `invalid_request` when the body is not ' +
        'a list of 1-5,000 items',
    },
  },
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
  {
    method: 'get',
    path: '/api/edge/series/{id}',
    summary: "A series' model and recent points, to score on the device",
    handler: edgeSeries,
  },
  { method: 'get', path: '/api/health', summary: 'Health', handler: health },
  ...modelRoutes(modelHandlers),
  ...apiKeyRoutes(API_KEYS_ROUTE),
]);

registerOpenApiFunction(app, openApi);
