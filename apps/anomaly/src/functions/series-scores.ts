// GET /api/series/{id}/scores?from=&to=: every stored point of one series with its score and verdict.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';
import { rangeQuery, seriesParams } from './series-range.ts';

export const getSeriesScores = defineHandler(
  { params: seriesParams, query: rangeQuery },
  async ({ params, query }) =>
    json({ series: params.id, scores: await getAnomaly().scores(params.id, query) }),
);

app.http('getSeriesScores', {
  methods: ['GET'],
  route: 'api/series/{id}/scores',
  authLevel: 'anonymous',
  handler: getSeriesScores,
});
