// The anomaly console in Chromium with more series than its list shows: a selected series beyond the page, the filter.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { useConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');
const ADMIN_KEY = 'console-test-admin-key';
/** The series the list shows at once: SERIES_PAGE_SIZE of web/src/series-page.ts (a DOM module, not imported here). */
const SERIES_PAGE_SIZE = 200;

const { app, browser } = useConsoleApp({ appDir: APP_DIR, env: { ADMIN_KEY } });

async function post(points: unknown[]): Promise<void> {
  const posted = await fetch(`${app.url}/api/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    body: JSON.stringify(points),
  });
  expect(posted.status, await posted.text()).toBe(200);
}

describe(`the anomaly console with many series (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('shows a selected series beyond the listed page, says the list holds only the first, and filters by id', async () => {
    const now = Date.now();
    // One more series than a page before the target in id order, so the target is left off the first page.
    await post(
      Array.from({ length: SERIES_PAGE_SIZE + 1 }, (_, i) => ({
        series: `bulk.${String(i).padStart(4, '0')}`,
        timestamp: new Date(now - 60_000).toISOString(),
        value: i,
      })),
    );
    const target = 'zz.target';
    await post(
      Array.from({ length: 12 }, (_, i) => ({
        series: target,
        timestamp: new Date(now - (12 - i) * 60_000).toISOString(),
        value: 1 + (i % 3),
      })),
    );
    const page = await browser.newPage();
    await page.goto(`${app.url}/#series=${target}`);
    // Before: "No series named zz.target." although it had points, and no word that the list was cut short.
    await expect.poll(() => page.locator('#chart-heading').textContent(), { timeout: 30_000 }).toBe(target);
    const list = page.locator('section[aria-labelledby="series-heading"]');
    await expect
      .poll(() => list.getByRole('status').textContent())
      .toMatch(/^The first 200 series by id are listed/);
    expect(await list.getByRole('button').count()).toBe(SERIES_PAGE_SIZE);

    await list.getByRole('searchbox').fill('zz.');
    await expect
      .poll(() => list.getByRole('button').allTextContents())
      .toEqual([expect.stringMatching(/^zz\.target/)]);
    expect(await list.getByRole('status').count()).toBe(0);
    await list.getByRole('searchbox').fill('nothing.like.it');
    await expect.poll(() => list.textContent()).toContain('No series id starts with nothing.like.it.');
    // The selected series stays on the right whatever the filter lists.
    expect(await page.locator('#chart-heading').textContent()).toBe(target);
    await browser.screenshot(SHOTS, `anomaly-many-series-${app.db.split(' ')[0]}`, page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  }, 240_000);
});
