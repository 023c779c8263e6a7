// PUT /api/series/{id}/webhook {url | null}: where alerts for the series' new anomalies are posted (admin).
import { app } from '@azure/functions';
import { z } from 'zod';
import { getDb } from '@suite/shared/db';
import { defineHandler, json } from '@suite/shared/http';
import { ensureAnomalySchema } from '../service/anomaly-schema.ts';
import { setWebhook } from '../service/series-queries.ts';
import { seriesParams } from './series-range.ts';

const body = z.object({
  url: z
    .url({ protocol: /^https?$/, message: 'url must be an http(s) URL' })
    .max(2048)
    .nullable(),
});

export const putSeriesWebhook = defineHandler(
  { params: seriesParams, body, admin: true },
  async ({ params, body }) => {
    const db = getDb();
    await ensureAnomalySchema(db);
    await setWebhook(db, params.id, body.url);
    return json({ series: params.id, webhookUrl: body.url });
  },
);

app.http('putSeriesWebhook', {
  methods: ['PUT'],
  route: 'series/{id}/webhook',
  authLevel: 'anonymous',
  handler: putSeriesWebhook,
});
