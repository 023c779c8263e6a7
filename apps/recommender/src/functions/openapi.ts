// GET /api/openapi.json: the recommender's API as OpenAPI 3.1, generated from the handlers' zod schemas.
import { app } from '@azure/functions';
import { apiKeyRoutes, createOpenApiHandler, modelRoutes, registerOpenApiFunction } from '@suite/shared/http';
import { jobRoutes } from '@suite/shared/jobs';
import packageJson from '../../package.json' with { type: 'json' };
import { API_KEYS_ROUTE } from './api-keys.ts';
import { edgeModel } from './edge-model.ts';
import { events } from './events.ts';
import { features } from './features.ts';
import { health } from './health.ts';
import { importData } from './import-data.ts';
import { getPipeline, listPipelines, startPipeline } from './pipelines.ts';
import { jobHandlers } from './jobs.ts';
import { modelHandlers } from './models.ts';
import { recommendations } from './recommendations.ts';
import { score } from './score.ts';
import { train } from './train.ts';
import { getTrainingRun, listTrainingRuns, startTrainingRun } from './training-runs.ts';

export const openApi = createOpenApiHandler({ title: 'Recommender', version: packageJson.version }, () => [
  {
    method: 'post',
    path: '/api/{kind}/import',
    summary: 'Import ratings, items or users',
    handler: importData,
  },
  {
    method: 'post',
    path: '/api/pipelines',
    summary: 'Start a pipeline run on a rating file in Blob (202)',
    handler: startPipeline,
  },
  { method: 'get', path: '/api/pipelines', summary: 'Newest pipeline runs', handler: listPipelines },
  {
    method: 'get',
    path: '/api/pipelines/{id}',
    summary: 'A pipeline run, stage by stage',
    handler: getPipeline,
  },
  { method: 'post', path: '/api/features', summary: 'Engineered FM feature vectors', handler: features },
  { method: 'post', path: '/api/train', summary: 'Start a training job (202)', handler: train },
  {
    method: 'post',
    path: '/api/training-runs',
    summary: 'Start a distributed (data- or model-parallel) training run (202)',
    handler: startTrainingRun,
  },
  {
    method: 'get',
    path: '/api/training-runs',
    summary: 'Newest distributed training runs',
    handler: listTrainingRuns,
  },
  {
    method: 'get',
    path: '/api/training-runs/{id}',
    summary: 'A distributed training run with per-epoch progress',
    handler: getTrainingRun,
  },
  {
    method: 'get',
    path: '/api/users/{id}/recommendations',
    summary: 'Top-K for a user',
    handler: recommendations,
  },
  { method: 'get', path: '/api/users/{id}/items/{item}/score', summary: 'Predicted rating', handler: score },
  { method: 'post', path: '/api/events', summary: 'A rating or click, folded in online', handler: events },
  {
    method: 'get',
    path: '/api/edge/model',
    summary: 'The served model without user rows, for ranking on the device',
    handler: edgeModel,
  },
  { method: 'get', path: '/api/health', summary: 'Health', handler: health },
  ...jobRoutes(jobHandlers),
  ...modelRoutes(modelHandlers),
  ...apiKeyRoutes(API_KEYS_ROUTE),
]);

registerOpenApiFunction(app, openApi);
