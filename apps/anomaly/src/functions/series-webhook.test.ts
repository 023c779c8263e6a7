import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { bodyOf, ctx, request, useTestAnomaly } from '../testing/http-test-kit.ts';
import { getSeries } from './series.ts';
import { putSeriesWebhook } from './series-webhook.ts';

describe.each(testEngines())('PUT /api/series/{id}/webhook on %s', (engine) => {
  useTestAnomaly(engine);
  const series = 'web.1';

  it('PUT webhook needs the admin key and an http(s) URL', async () => {
    const path = `/series/${series}/webhook`;
    const params = { id: series };
    const noKey = await putSeriesWebhook(
      request('PUT', path, { params, body: { url: 'http://example.test/h' } }),
      ctx(),
    );
    expect(noKey.status).toBe(401);
    const headers = { 'x-admin-key': 'test-admin' };
    const badUrl = await putSeriesWebhook(
      request('PUT', path, { params, headers, body: { url: 'ftp://x' } }),
      ctx(),
    );
    expect(badUrl.status).toBe(400);
    // Alerts posted to the app itself would only come back as rejected points: a misconfiguration, refused.
    for (const url of ['http://localhost:7073/api/metrics', 'http://127.0.0.1:7073/api/metrics']) {
      const self = await putSeriesWebhook(request('PUT', path, { params, headers, body: { url } }), ctx());
      expect(self.status).toBe(400);
      expect(self.headers).toMatchObject({ 'content-type': 'application/problem+json' });
      expect(JSON.stringify(self.jsonBody)).toMatch(/"path":"url"/);
    }
    // Server-side request forgery: internal addresses in any spelling, and the self-check's old blind spots.
    for (const url of [
      'http://0.0.0.0:7073/api/metrics',
      'http://localhost.:7073/api/metrics',
      'http://[::ffff:127.0.0.1]:7073/api/metrics',
      'http://[::1]:9000/hook',
      'http://127.0.0.1:9000/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/hook',
      'http://192.168.0.10/hook',
    ]) {
      const internal = await putSeriesWebhook(
        request('PUT', path, { params, headers, body: { url } }),
        ctx(),
      );
      expect(internal.status, url).toBe(400);
      expect(JSON.stringify(internal.jsonBody), url).toMatch(/"path":"url"/);
    }
    const badGap = await putSeriesWebhook(
      request('PUT', path, {
        params,
        headers,
        body: { url: 'https://example.test/h', incidentGapPoints: 0 },
      }),
      ctx(),
    );
    expect(badGap.status).toBe(400);
    expect(JSON.stringify(badGap.jsonBody)).toContain('incidentGapPoints');
    const ok = await putSeriesWebhook(
      request('PUT', path, {
        params,
        headers,
        body: { url: 'https://example.test/h', incidentGapSeconds: 600, alertOnClose: true },
      }),
      ctx(),
    );
    expect(ok.status).toBe(200);
    expect(ok.jsonBody).toMatchObject({ incidentGapSeconds: 600, alertOnClose: true });
    // GET /api/series is anonymous; webhook paths often carry the receiver's secret token, so only the origin shows.
    await putSeriesWebhook(
      request('PUT', path, { params, headers, body: { url: 'https://u:pw@example.test/hooks/s3cr3t?k=1' } }),
      ctx(),
    );
    const list = bodyOf(await getSeries(request('GET', '/series?limit=1000'), ctx()));
    const mine = (list['series'] as Array<{ id: string; webhookUrl: string }>).find((x) => x.id === series);
    expect(mine?.webhookUrl).toBe('https://example.test/…');
  });

  it('removing the webhook of a series that does not exist creates no empty series in the list', async () => {
    // {"url": null} on a mistyped id left a series with 0 points, listed (and picked first by the console) forever.
    const headers = { 'x-admin-key': 'test-admin' };
    const removed = await putSeriesWebhook(
      request('PUT', '/series/typo.1/webhook', { params: { id: 'typo.1' }, headers, body: { url: null } }),
      ctx(),
    );
    expect(removed.status).toBe(200);
    const list = bodyOf(await getSeries(request('GET', '/series?limit=1000'), ctx()));
    expect((list['series'] as Array<{ id: string }>).map((x) => x.id)).not.toContain('typo.1');
    // On a series that exists, null still removes the webhook and keeps the series and its other settings.
    const put = (body: unknown) =>
      putSeriesWebhook(
        request('PUT', '/series/clear.1/webhook', { params: { id: 'clear.1' }, headers, body }),
        ctx(),
      );
    expect((await put({ url: 'https://example.test/h', alertOnClose: true })).status).toBe(200);
    expect((await put({ url: null })).status).toBe(200);
    const after = bodyOf(await getSeries(request('GET', '/series?limit=1000'), ctx()));
    const cleared = (after['series'] as Array<{ id: string; webhookUrl: string | null }>).find(
      (x) => x.id === 'clear.1',
    );
    expect(cleared).toMatchObject({ webhookUrl: null });
  });
});
