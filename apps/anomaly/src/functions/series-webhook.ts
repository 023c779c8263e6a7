// PUT /api/series/{id}/webhook {url | null, incidentGapPoints?, incidentGapSeconds?, alertOnClose?}: where the
// series' incident alerts are posted and how its anomalies group into incidents (admin).
import { app } from '@azure/functions';
import { z } from 'zod';
import { defineHandler, json } from '@suite/shared/http';
import { getAnomaly } from '../service/anomaly.ts';
import { seriesParams } from './series-range.ts';

const body = z.object({
  url: z
    .url({ protocol: /^https?$/, message: 'url must be an http(s) URL' })
    .max(2048)
    .nullable(),
  incidentGapPoints: z.number().int().min(1).max(1_000_000).nullable().optional(),
  incidentGapSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 86_400)
    .nullable()
    .optional(),
  alertOnClose: z.boolean().nullable().optional(),
});

export const putSeriesWebhook = defineHandler(
  { params: seriesParams, body, admin: true },
  async ({ params, body, request }) => {
    const { url, ...settings } = body;
    // The request's own URL lets the service refuse a webhook that points back at this app.
    await getAnomaly().setWebhook(params.id, url, settings, request.url);
    return json({ series: params.id, webhookUrl: url, ...settings });
  },
);

app.http('putSeriesWebhook', {
  methods: ['PUT'],
  route: 'api/series/{id}/webhook',
  authLevel: 'anonymous',
  handler: putSeriesWebhook,
});
