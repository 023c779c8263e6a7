// GET /api/edge/model: the served model without any user's row, for ranking on the device (the console's
// private mode). ETag is the model version; EDGE_MODEL=off turns the route into a 404.
import { app } from '@azure/functions';
import { NotFoundError } from '@suite/shared/errors';
import { defineHandler } from '@suite/shared/http';
import { getRecommenderConfig } from '../config/recommender-config.ts';
import { getRecommender } from '../service/recommender.ts';

export const edgeModel = defineHandler({}, async ({ request }) => {
  if (getRecommenderConfig().EDGE_MODEL === 'off')
    throw new NotFoundError('the edge model is off (EDGE_MODEL=off)');
  const artifact = await getRecommender().publicModel();
  if (!artifact) throw new NotFoundError('no model is served yet: train one first (POST /api/train)');
  const etag = `"${artifact.version}"`;
  const headers = {
    etag,
    'cache-control': 'no-cache',
    'x-model-version': artifact.version,
  };
  if (request.headers.get('if-none-match') === etag) return { status: 304, headers };
  return {
    status: 200,
    body: artifact.bytes,
    headers: { ...headers, 'content-type': 'application/octet-stream' },
  };
});

app.http('edgeModel', {
  methods: ['GET'],
  route: 'api/edge/model',
  authLevel: 'anonymous',
  handler: edgeModel,
});
