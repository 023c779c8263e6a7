// GET /api/series/{id}/anomalies?from=&to=: anomalies of one series in a time range.
import { app } from '@azure/functions';
import { getDb } from '@suite/shared/db';
import { defineHandler, json } from '@suite/shared/http';
import { ensureAnomalySchema } from '../service/anomaly-schema.ts';
import { listAnomalies } from '../service/series-queries.ts';
import { rangeQuery, seriesParams } from './series-range.ts';

export const getSeriesAnomalies = defineHandler(
  { params: seriesParams, query: rangeQuery },
  async ({ params, query }) => {
    const db = getDb();
    await ensureAnomalySchema(db);
    return json({ series: params.id, anomalies: await listAnomalies(db, params.id, query) });
  },
);

app.http('getSeriesAnomalies', {
  methods: ['GET'],
  route: 'series/{id}/anomalies',
  authLevel: 'anonymous',
  handler: getSeriesAnomalies,
});
