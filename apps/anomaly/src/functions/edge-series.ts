// GET /api/edge/series/{id}: a series' served model, its recent points and the detector settings, for scoring new
// values in the browser (the console's offline mode). 404 for an unknown series or with EDGE_MODEL=off, 409 while
// the series is still warming up.
import { app } from '@azure/functions';
import { NotFoundError } from '@suite/shared/errors';
import { defineHandler, json } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';
import { seriesParams } from './series-range.ts';

export const edgeSeries = defineHandler({ params: seriesParams }, async ({ params }) => {
  const anomaly = getAnomaly();
  if (!anomaly.config.edgeModel) throw new NotFoundError('offline scoring is off (EDGE_MODEL=off)');
  const bundle = await anomaly.edgeSeries(params.id);
  return json(bundle, 200, { 'cache-control': 'no-store', 'x-model-version': bundle.modelVersion });
});

app.http('edgeSeries', {
  methods: ['GET'],
  route: 'api/edge/series/{id}',
  authLevel: 'anonymous',
  handler: edgeSeries,
});
