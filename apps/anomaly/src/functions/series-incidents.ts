// GET /api/series/{id}/incidents?from=&to=&status=open|closed|all: incidents of one series active in a window.
import { app } from '@azure/functions';
import { z } from 'zod';
import { getDb } from '@suite/shared/db';
import { defineHandler, json } from '@suite/shared/http';
import { ensureAnomalySchema } from '../service/anomaly-schema.ts';
import { listIncidents } from '../service/incident-queries.ts';
import { fromBeforeTo, rangeShape, seriesParams } from './series-range.ts';

const query = fromBeforeTo(
  z.object({ ...rangeShape, status: z.enum(['open', 'closed', 'all']).default('all') }),
);

export const getSeriesIncidents = defineHandler(
  { params: seriesParams, query },
  async ({ params, query }) => {
    const db = getDb();
    await ensureAnomalySchema(db);
    return json({ series: params.id, incidents: await listIncidents(db, params.id, query) });
  },
);

app.http('getSeriesIncidents', {
  methods: ['GET'],
  route: 'series/{id}/incidents',
  authLevel: 'anonymous',
  handler: getSeriesIncidents,
});
