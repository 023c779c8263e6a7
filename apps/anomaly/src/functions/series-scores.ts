// GET /api/series/{id}/scores?from=&to=: every stored point of one series with its score and verdict.
import { app } from '@azure/functions';
import { getDb } from '@suite/shared/db';
import { defineHandler, json } from '@suite/shared/http';
import { ensureAnomalySchema } from '../service/anomaly-schema.ts';
import { listScores } from '../service/series-queries.ts';
import { rangeQuery, seriesParams } from './series-range.ts';

export const getSeriesScores = defineHandler(
  { params: seriesParams, query: rangeQuery },
  async ({ params, query }) => {
    const db = getDb();
    await ensureAnomalySchema(db);
    return json({ series: params.id, scores: await listScores(db, params.id, query) });
  },
);

app.http('getSeriesScores', {
  methods: ['GET'],
  route: 'series/{id}/scores',
  authLevel: 'anonymous',
  handler: getSeriesScores,
});
