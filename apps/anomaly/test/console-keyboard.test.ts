// The anomaly console used from the keyboard: a button that is disabled or replaced once pressed ("Show all" once the
// whole window shows, "Download the model" once the model is here) hands the focus on, never back to the page.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { outsideLandmarks, useConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = 'console-test-admin-key';
const SERIES = 'cpu.keyboard';

const { app, browser } = useConsoleApp({ appDir: APP_DIR, env: { ADMIN_KEY } });

type Page = (typeof browser)['page'];

/** The tag and label (or text) of what holds the focus. */
const focused = (page: Page) =>
  page.evaluate<string>(
    "(() => { const el = document.activeElement; const label = el.labels?.[0]?.textContent ?? el.textContent ?? ''; return el.tagName + ' ' + label.trim().slice(0, 40); })()",
  );

beforeAll(async () => {
  // Enough points for the series' first model (fitted on ingest), so it can be downloaded.
  const start = Date.now() - 300 * 60_000;
  const points = Array.from({ length: 300 }, (_, i) => ({
    series: SERIES,
    timestamp: new Date(start + i * 60_000).toISOString(),
    value: 50 + 5 * Math.sin(i / 5) + (i === 250 ? 60 : 0),
  }));
  const posted = await fetch(`${app.url}/api/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    body: JSON.stringify(points),
  });
  expect(posted.status, await posted.text()).toBe(200);
}, 240_000);

describe(`the anomaly console by keyboard (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('moves the focus from "Show all" to "Zoom in", and from "Download the model" to the value to score', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#series=${SERIES}`);
    const zoomIn = page.getByRole('button', { name: 'Zoom in', exact: true });
    await expect.poll(() => zoomIn.isEnabled(), { timeout: 30_000 }).toBe(true);
    await zoomIn.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Show all', exact: true }).focus();
    await page.keyboard.press('Enter');
    // Disabled once the whole window shows, "Show all" dropped the focus to <body>.
    await expect.poll(() => focused(page)).toBe('BUTTON Zoom in');

    const download = page.getByRole('button', { name: 'Download the model' });
    await expect.poll(() => download.count(), { timeout: 30_000 }).toBe(1);
    await download.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page), { timeout: 30_000 }).toBe('INPUT Next value');
    await page.keyboard.type('51');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('BUTTON Score here');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('offline-scores').locator('tbody tr').count()).toBe(1);
    // "Score here" is disabled again with the field emptied: the focus goes back to the field for the next value.
    expect(await focused(page)).toBe('INPUT Next value');
    expect(await outsideLandmarks(page)).toEqual([]);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });
});
