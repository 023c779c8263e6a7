// GET /api/openapi.json: the inference app's API as OpenAPI 3.1, generated from the handlers' zod schemas.
import { app } from '@azure/functions';
import { apiKeyRoutes, createOpenApiHandler, registerOpenApiFunction } from '@suite/shared/http';
import packageJson from '../../package.json' with { type: 'json' };
import { health } from './health.ts';
import { deleteModelPin, putModelPin } from './models-pin.ts';
import { predict } from './models-predict.ts';
import { listModels } from './models-list.ts';
import { putModel } from './models-publish.ts';
import { deleteModelUpload, postModelUpload, publishModelUpload } from './models-uploads.ts';
import { getModelVersions } from './models-versions.ts';
import { v2Live, v2Ready } from './v2-health.ts';
import { v2ModelInfer } from './v2-model-infer.ts';
import { v2ModelMetadata } from './v2-model-metadata.ts';
import { v2ModelReady, v2ServerMetadata } from './v2-server-metadata.ts';

const PUBLISH = 'Publish a version (body: the .onnx bytes; metadata JSON in x-model-metadata)';

export const openApi = createOpenApiHandler({ title: 'Inference', version: packageJson.version }, () => [
  {
    method: 'get',
    path: '/api/models',
    summary: 'Every model: the serving version and its signature',
    handler: listModels,
  },
  { method: 'put', path: '/api/models/{name}', summary: PUBLISH, handler: putModel },
  {
    method: 'post',
    path: '/api/models/{name}/uploads',
    summary: 'An upload URL for a model over the body limit (MODEL_STORE=blob)',
    handler: postModelUpload,
  },
  {
    method: 'post',
    path: '/api/models/{name}/uploads/{uploadId}/publish',
    summary: 'Publish an uploaded model',
    handler: publishModelUpload,
  },
  {
    method: 'delete',
    path: '/api/models/{name}/uploads/{uploadId}',
    summary: 'Discard an upload that will not be published (cancelled)',
    handler: deleteModelUpload,
  },
  {
    method: 'get',
    path: '/api/models/{name}/versions',
    summary: "A model's versions",
    handler: getModelVersions,
  },
  {
    method: 'put',
    path: '/api/models/{name}/pin',
    summary: 'Serve this version (roll back)',
    handler: putModelPin,
  },
  {
    method: 'delete',
    path: '/api/models/{name}/pin',
    summary: 'Serve the latest again',
    handler: deleteModelPin,
  },
  {
    method: 'post',
    path: '/api/models/{name}:predict',
    summary: 'Predict, TensorFlow Serving rows',
    handler: predict,
  },
  {
    method: 'get',
    path: '/api/v2',
    summary: 'Server metadata (Open Inference Protocol)',
    handler: v2ServerMetadata,
  },
  { method: 'get', path: '/api/v2/health/live', summary: 'Live', handler: v2Live },
  {
    method: 'get',
    path: '/api/v2/health/ready',
    summary: 'Ready: database and model store',
    handler: v2Ready,
  },
  { method: 'get', path: '/api/v2/models/{name}', summary: 'Model metadata', handler: v2ModelMetadata },
  {
    method: 'get',
    path: '/api/v2/models/{name}/versions/{version}',
    summary: "A version's metadata",
    handler: v2ModelMetadata,
  },
  { method: 'get', path: '/api/v2/models/{name}/ready', summary: 'Model ready', handler: v2ModelReady },
  {
    method: 'get',
    path: '/api/v2/models/{name}/versions/{version}/ready',
    summary: 'A version ready',
    handler: v2ModelReady,
  },
  {
    method: 'post',
    path: '/api/v2/models/{name}/infer',
    summary: 'Infer (typed tensors)',
    handler: v2ModelInfer,
  },
  {
    method: 'post',
    path: '/api/v2/models/{name}/versions/{version}/infer',
    summary: 'Infer with a version',
    handler: v2ModelInfer,
  },
  { method: 'get', path: '/api/health', summary: 'Health', handler: health },
  ...apiKeyRoutes('api/apikeys'),
]);

registerOpenApiFunction(app, openApi);
