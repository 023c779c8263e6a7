// The anomaly console in Debian's Chromium against the real app: a spike posted through the API is marked on the chart.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');
const SERIES = 'cpu.console-test';

const ADMIN_KEY = 'console-test-admin-key';
/** The dev host's admin API key, to run the refit timer now. */
const MASTER_KEY = 'console-test-master-key';

/** A webhook receiver on loopback, which the app may reach because ALERT_ALLOWED_HOSTS names it. */
let receiver: Server;
const received: string[] = [];

// Registered before useConsoleApp's hooks: the receiver listens before the app starts and closes after it stopped.
beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((listening) => receiver.listen(0, '127.0.0.1', listening));
});

afterAll(async () => {
  await new Promise((closed) => receiver?.close(closed));
});

const { app, browser } = useConsoleApp({
  appDir: APP_DIR,
  env: { ADMIN_KEY, ALERT_ALLOWED_HOSTS: '127.0.0.1', FUNCTIONS_MASTER_KEY: MASTER_KEY },
});

/** 180 points a minute apart, calm with one spike at 11:30 (the README's example). */
function spikeSeries() {
  return Array.from({ length: 180 }, (_, i) => ({
    series: SERIES,
    timestamp: new Date(Date.UTC(2024, 4, 1, 9, i)).toISOString(),
    value: i === 150 ? 0.95 : 0.4 + 0.05 * Math.sin(i / 5),
  }));
}

/** A raw GET, so the path reaches the server exactly as written (fetch would resolve `..` itself). */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(url), { path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe(`the anomaly console (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('marks a spike posted through the API on the chart and lists its incident with its delivery', async () => {
    // The series exists once it has a point; then its webhook is set, so the spike's incident alerts.
    const [firstPoint, ...rest] = spikeSeries();
    const seeded = await fetch(`${app.url}/api/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify([firstPoint]),
    });
    expect(seeded.status).toBe(200);
    const hook = await fetch(`${app.url}/api/series/${SERIES}/webhook`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify({ url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook` }),
    });
    expect(hook.status, await hook.text()).toBeLessThan(300);
    const posted = await fetch(`${app.url}/api/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify(rest),
    });
    expect(posted.status).toBe(200);
    expect(((await posted.json()) as { anomalies: number }).anomalies).toBeGreaterThan(0);

    const { page } = browser;
    await page.goto(`${app.url}/#series=${SERIES}`);
    const seriesButton = page.getByRole('button', { name: new RegExp(SERIES.replace('.', '\\.')) });
    await expect.poll(() => seriesButton.getAttribute('aria-pressed'), { timeout: 30_000 }).toBe('true');
    await expect
      .poll(() => page.getByTestId('chart-summary').textContent(), { timeout: 30_000 })
      .toMatch(/^180 points shown, [1-9]\d* anomalous, [1-9]\d* incident/);
    // The spike itself is among the anomalous points, with its score above its threshold.
    const spikeRow = page.getByRole('row').filter({ hasText: '0.95' });
    await expect.poll(() => spikeRow.count()).toBeGreaterThan(0);
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
    expect(await page.getByRole('img', { name: /anomalous points in red/ }).count()).toBe(1);
    await expect
      .poll(() => page.locator('section[aria-labelledby="incidents-heading"] table tbody tr').count())
      .toBeGreaterThan(0);

    // Keyboard: the window picker and zoom buttons are labelled controls.
    await page.getByLabel('Window').focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('button', { name: 'Zoom in' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText(/^Zoomed: /).count()).toBe(1);
    // The summary counts what the zoom shows (it kept saying 180 points): half the span holds about half of them.
    const zoomed = await page.getByTestId('chart-summary').textContent();
    const match = /^(\d+) points shown \(of 180\), (\d+) anomalous/.exec(zoomed ?? '');
    expect(match, zoomed ?? '').not.toBeNull();
    expect(Number(match![1])).toBeGreaterThan(80);
    expect(Number(match![1])).toBeLessThan(100);
    await page.getByRole('button', { name: 'Show all' }).click();
    await expect
      .poll(() => page.getByTestId('chart-summary').textContent())
      .toMatch(/^180 points shown, [1-9]\d* anomalous/);

    await browser.screenshot(SHOTS, `anomaly-console-${app.db.split(' ')[0]}`);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);

  it("lists a series' model versions and serves the older one from the page (a rollback)", async () => {
    // Ingestion publishes the first model of a recent series; the refit timer publishes the second.
    const series = 'cpu.versions-test';
    const now = Date.now();
    const points = Array.from({ length: 120 }, (_, i) => ({
      series,
      timestamp: new Date(now - (120 - i) * 60_000).toISOString(),
      value: 0.4 + 0.05 * Math.sin(i / 5),
    }));
    const posted = await fetch(`${app.url}/api/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify(points),
    });
    expect(posted.status).toBe(200);
    const refit = await fetch(`${app.url}/admin/functions/refitTimer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-functions-key': MASTER_KEY },
      body: '{}',
    });
    expect(refit.status, await refit.text()).toBe(202);
    const modelUrl = `${app.url}/api/models?name=series-${series}`;
    type Listed = { models: Array<{ served: string; versions: Array<{ version: string }> }> };
    const before = ((await (await fetch(modelUrl)).json()) as Listed).models[0]!;
    expect(before.versions).toHaveLength(2);
    const older = before.versions[1]!.version;

    const { page } = browser;
    await page.goto(`${app.url}/#series=${series}`);
    const row = page.getByRole('row').filter({ hasText: older });
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(1);
    expect(await row.textContent()).toContain('from ingest');
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await row.getByRole('button', { name: 'Serve this version' }).click();
    await expect.poll(() => row.textContent(), { timeout: 60_000 }).toContain('serving, pinned');
    const after = ((await (await fetch(modelUrl)).json()) as Listed).models[0]!;
    expect(after.served).toBe(older);
    await browser.screenshot(SHOTS, `anomaly-console-versions-${app.db.split(' ')[0]}`);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);

  it('shows a warming-up series with a webhook as such: no model yet, no incident, no error', async () => {
    const series = 'cpu.warming-test';
    const post = (path: string, method: string, body: unknown) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
        body: JSON.stringify(body),
      });
    const point = { series, timestamp: new Date().toISOString(), value: 0.4 };
    expect((await post('/api/metrics', 'POST', [point])).status).toBe(200);
    expect(
      (await post(`/api/series/${series}/webhook`, 'PUT', { url: 'https://hooks.example.com/x' })).status,
    ).toBe(200);
    const { page } = browser;
    await page.goto(`${app.url}/#series=${series}`);
    const versions = page.locator('section[aria-labelledby="versions-heading"]');
    await expect.poll(() => versions.textContent(), { timeout: 30_000 }).toContain('No model published yet');
    const incidents = page.locator('section[aria-labelledby="incidents-heading"]');
    await expect.poll(() => incidents.textContent()).toContain('No incident in this window');
    expect(await incidents.textContent()).not.toContain('does not report deliveries');
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);

  it('serves the page with its CSP and caching, and nothing outside the built folder', async () => {
    const page = await fetch(`${app.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${app.url}${script}`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    for (const path of [
      '/../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
    ]) {
      const res = await rawGet(app.url, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain('@suite/anomaly');
    }
    // API routes keep their /api paths and win over the page's catch-all route.
    expect((await fetch(`${app.url}/api/health`)).headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${app.url}/api/no-such-thing`)).status).toBe(404);
  });
});
