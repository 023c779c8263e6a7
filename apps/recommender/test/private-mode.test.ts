// The console's private mode in Debian's Chromium against the real app: the page downloads the public model once,
// ranks on the device, shows the list the server gives a user with the same ratings, and sends no rating anywhere.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useConsoleApp } from '@suite/console/testing';
import { createTasteGroupData } from '../src/testing/taste-groups.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');
const ADMIN_KEY = 'private-mode-test-admin-key';

const { app, browser } = useConsoleApp({ appDir: APP_DIR, env: { ADMIN_KEY } });

async function call(path: string, body?: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return JSON.parse(text) as Record<string, unknown>;
}

beforeAll(async () => {
  const data = createTasteGroupData({ nUsers: 45, nItems: 36, perUser: 10 });
  await call(
    '/api/items/import',
    data.items.map((i) => ({ id: i.id, title: `${i.genres[0] ?? 'Film'} ${i.id}`, genres: i.genres })),
  );
  await call(
    '/api/ratings/import',
    Array.from(data.ratings.user, (user, r) => ({
      user,
      item: data.ratings.item[r],
      rating: data.ratings.rating[r],
    })),
  );
  const job = await call('/api/train', { kind: 'fm', k: 4, epochs: 8 });
  for (let poll = 0; poll < 600; poll++) {
    const state = (await call(`/api/jobs/${String(job.id)}`)).state;
    if (state === 'succeeded') break;
    expect(['queued', 'running']).toContain(state);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}, 240_000);

const rows = () =>
  browser.page.$$eval('[data-testid=private-top-k] tbody tr', (trs) =>
    trs.map((tr) => ({
      itemId: Number(tr.getAttribute('data-item-id')),
      score: Number(tr.getAttribute('data-score')),
      rankingScore: Number(tr.getAttribute('data-ranking-score')),
    })),
  );

describe(`the recommender console's private mode (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('ranks on the device as the server would, and no request carries a rating', async () => {
    const { page } = browser;
    const requests: Array<{ method: string; url: string; body: string | null }> = [];
    page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), body: r.postData() }));
    await page.goto(`${app.url}/#private`);
    await expect.poll(rows, { timeout: 30_000 }).toHaveLength(10);
    expect(await page.getByText(/KB downloaded once/).count()).toBe(1);

    const userId = 990_123;
    const t0 = Date.now() - 60_000;
    for (const [n, rating] of [5, 1, 4].entries()) {
      const target = (await rows())[n + 1]!;
      const label = await page.locator(`[data-item-id="${target.itemId}"] select`).getAttribute('aria-label');
      await page.getByLabel(label!).selectOption(String(rating));
      await expect
        .poll(() => page.getByRole('status').textContent())
        .toContain(`${rating} of 5 on this device`);
      // The same rating, as the server's own event, for a user it does not know: its list must be the page's.
      await call('/api/events', {
        type: 'rating',
        userId,
        itemId: target.itemId,
        rating,
        occurredAt: new Date(t0 + n * 1000).toISOString(),
      });
      const server = (await call(`/api/users/${userId}/recommendations?k=10`)) as {
        items: Array<{ itemId: number; score: number; rankingScore: number }>;
      };
      await expect
        .poll(rows)
        .toEqual(
          server.items.map((i) => ({ itemId: i.itemId, score: i.score, rankingScore: i.rankingScore })),
        );
    }
    // The ratings survive a reload (kept in this browser) and give the same list.
    const before = await rows();
    await page.reload();
    await expect.poll(rows, { timeout: 30_000 }).toEqual(before);
    await browser.screenshot(SHOTS, `recommender-private-${app.db.split(' ')[0]}`);

    const api = requests.filter((r) => new URL(r.url).pathname.startsWith('/api/'));
    expect(api.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      'GET /api/edge/model',
      'GET /api/edge/model',
    ]);
    expect(requests.filter((r) => r.method !== 'GET' || r.body !== null)).toEqual([]);

    await page.getByRole('button', { name: 'Forget my ratings' }).click();
    await expect.poll(() => page.locator('.badge').first().textContent()).toBe('popularity');
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);
});
