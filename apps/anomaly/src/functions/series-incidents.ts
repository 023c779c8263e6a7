// GET /api/series/{id}/incidents?from=&to=&status=open|closed|all: incidents of one series active in a window.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';
import { fromBeforeTo, rangeShape, seriesParams } from './series-range.ts';

const query = fromBeforeTo(
  z.object({ ...rangeShape, status: z.enum(['open', 'closed', 'all']).default('all') }),
);

export const getSeriesIncidents = defineHandler({ params: seriesParams, query }, async ({ params, query }) =>
  json({ series: params.id, incidents: await getAnomaly().incidents(params.id, query) }),
);

app.http('getSeriesIncidents', {
  methods: ['GET'],
  route: 'api/series/{id}/incidents',
  authLevel: 'anonymous',
  handler: getSeriesIncidents,
});
