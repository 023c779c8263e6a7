// The anomaly console's offline scoring in Debian's Chromium against the real app: the page downloads a series'
// model and recent points, scores typed values in the browser exactly as POST /api/metrics scores the same points
// (a spike included), and sends nothing it scores.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');
const SERIES = 'offline.web';
const ADMIN_KEY = 'offline-test-admin-key';
const T0 = Date.UTC(2024, 0, 1);
const valueAt = (i: number) => Number((10 + Math.sin(i / 5)).toFixed(3));

const { app, browser } = useConsoleApp({
  appDir: APP_DIR,
  env: { ADMIN_KEY, ANOMALY_MIN_POINTS: '40', ANOMALY_TREES: '50' },
});

async function postPoints(points: Array<{ timestamp: string; value: number }>) {
  const res = await fetch(`${app.url}/api/metrics`, {
    method: 'POST',
    // Points are a write to shared data: with API_KEYS off they take the admin key.
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    body: JSON.stringify(points.map((p) => ({ series: SERIES, ...p }))),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { results: Array<Record<string, unknown>> }).results;
}

beforeAll(async () => {
  await postPoints(
    Array.from({ length: 80 }, (_, i) => ({
      timestamp: new Date(T0 + i * 60_000).toISOString(),
      value: valueAt(i),
    })),
  );
}, 240_000);

describe(`the anomaly console's offline scoring (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('scores typed values on the device as the server scores the same points', async () => {
    const { page } = browser;
    const sent: Array<{ method: string; path: string; body: string | null }> = [];
    page.on('request', (r) =>
      sent.push({ method: r.method(), path: new URL(r.url()).pathname, body: r.postData() }),
    );
    await page.goto(`${app.url}/#series=${SERIES}`);
    await page.getByRole('button', { name: 'Download the model' }).click();
    const input = page.getByLabel('Next value');
    const rows = page.locator('[data-testid=offline-scores] tbody tr');
    const typed = [valueAt(80), valueAt(81), 60, valueAt(83), valueAt(84)];
    const verdicts: string[] = [];
    for (const [n, value] of typed.entries()) {
      await input.fill(String(value));
      await input.press('Enter');
      await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(n + 1);
      const row = rows.nth(n);
      const timestamp = (await row.getAttribute('data-timestamp'))!;
      expect(timestamp).toBe(new Date(T0 + (80 + n) * 60_000).toISOString());
      const [server] = await postPoints([{ timestamp, value }]);
      // Same code, other engine: Chromium's Math functions may differ from Node's in the last bit (seen: 1e-16),
      // which is all this allows; the verdict must be the same.
      expect(Number(await row.getAttribute('data-score'))).toBeCloseTo(server!['score'] as number, 12);
      expect(Number(await row.getAttribute('data-z'))).toBeCloseTo(server!['z'] as number, 9);
      expect(await row.getAttribute('data-verdict')).toBe(server!['verdict']);
      verdicts.push(server!['verdict'] as string);
    }
    expect(verdicts).toContain('anomaly');
    expect(verdicts).toContain('normal');
    await browser.screenshot(SHOTS, `anomaly-offline-${app.db.split(' ')[0]}`);
    // The page only reads: every request it made is a GET without a body, the model download among them.
    expect(sent.filter((r) => r.method !== 'GET' || r.body !== null)).toEqual([]);
    expect(sent.map((r) => r.path)).toContain(`/api/edge/series/${SERIES}`);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);

  it('refuses a value the app would reject, saying why, and scores nothing for it', async () => {
    // On the page the test above left: the model downloaded, five values scored.
    const { page } = browser;
    const rows = page.locator('[data-testid=offline-scores] tbody tr');
    const before = await rows.count();
    const input = page.getByLabel('Next value');
    await input.fill('1e200');
    await input.press('Enter');
    await expect
      .poll(() => page.getByRole('alert').textContent(), { timeout: 10_000 })
      .toMatch(/reject 1e200: a value must be at most 1e\+150 in magnitude/);
    expect(await rows.count()).toBe(before);
    // An ordinary value is scored again and the message goes.
    await input.fill('10.2');
    await input.press('Enter');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(before + 1);
    expect(await page.getByRole('alert').count()).toBe(0);
  }, 60_000);
});
