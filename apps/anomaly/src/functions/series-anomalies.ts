// GET /api/series/{id}/anomalies?from=&to=: anomalies of one series in a time range.
import { app } from '@azure/functions';
import { defineHandler, json } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';
import { rangeQuery, seriesParams } from './series-range.ts';

export const getSeriesAnomalies = defineHandler(
  { params: seriesParams, query: rangeQuery },
  async ({ params, query }) =>
    json({ series: params.id, anomalies: await getAnomaly().anomalies(params.id, query) }),
);

app.http('getSeriesAnomalies', {
  methods: ['GET'],
  route: 'api/series/{id}/anomalies',
  authLevel: 'anonymous',
  handler: getSeriesAnomalies,
});
