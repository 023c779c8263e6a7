// PUT /api/series/{id}/webhook {url | null, incidentGapPoints?, incidentGapSeconds?, alertOnClose?}: where the
// series' incident alerts are posted and how its anomalies group into incidents (admin).
import { app, type HttpRequest } from '@azure/functions';
import { z } from 'zod';
import { getDb } from '@suite/shared/db';
import { ValidationError } from '@suite/shared/errors';
import { defineHandler, json } from '@suite/shared/http';
import { ensureAnomalySchema } from '../service/anomaly-schema.ts';
import { setWebhook } from '../service/series-queries.ts';
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

const LOOPBACK = /^(localhost|127(\.\d+){3}|\[::1\])$/i;

/** True when the URL is this app: its own host (as called, or WEBSITE_HOSTNAME on Azure), or loopback on its port. */
function pointsAtSelf(url: string, request: HttpRequest): boolean {
  const target = new URL(url);
  const self = new URL(request.url);
  const port = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');
  if (target.hostname === process.env['WEBSITE_HOSTNAME']) return true;
  if (port(target) !== port(self)) return false;
  return (
    target.hostname === self.hostname || (LOOPBACK.test(target.hostname) && LOOPBACK.test(self.hostname))
  );
}

export const putSeriesWebhook = defineHandler(
  { params: seriesParams, body, admin: true },
  async ({ params, body, request }) => {
    if (body.url !== null && pointsAtSelf(body.url, request)) {
      throw new ValidationError('url points at this app', [
        { path: 'url', message: 'url must not point at this app: its alerts would come back as metrics' },
      ]);
    }
    const db = getDb();
    await ensureAnomalySchema(db);
    const { url, ...settings } = body;
    await setWebhook(db, params.id, url, settings);
    return json({ series: params.id, webhookUrl: url, ...settings });
  },
);

app.http('putSeriesWebhook', {
  methods: ['PUT'],
  route: 'series/{id}/webhook',
  authLevel: 'anonymous',
  handler: putSeriesWebhook,
});
