// GET /api/series: every series with its point count, last point, webhook, model version and anomaly count.
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';

const query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().max(128).optional(),
  /** Only series whose id starts with this (the console's filter; a whole id finds that series). */
  prefix: z.string().min(1).max(128).optional(),
});

export const getSeries = defineHandler({ query }, async ({ query }) => {
  const series = await getAnomaly().listSeries(query.limit, query.after, query.prefix);
  return json({ series, next: series.length === query.limit ? series[series.length - 1]!.id : null });
});

app.http('getSeries', { methods: ['GET'], route: 'api/series', authLevel: 'anonymous', handler: getSeries });
