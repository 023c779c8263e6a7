// The recommender console on a 390 px phone with an iALS model served: what the list's numbers are, said in words
// the reader can see without scrolling a table sideways, and a "Why?" answer that opens where the reader is.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cutOffInPanels } from '@suite/console/testing';
import { ADMIN_KEY, useFilmConsole } from './film-console.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');

const { app, browser, post } = useFilmConsole({ appDir: APP_DIR, users: 6 });

/** Whether the element holds the keyboard focus. */
const hasFocus = (element: ReturnType<(typeof browser)['page']['locator']>) =>
  element.evaluate((el) => el === el.ownerDocument.activeElement);

beforeAll(async () => {
  const res = await post('/api/train', { kind: 'ials' });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  const { jobId } = JSON.parse(text) as { jobId?: string };
  await vi.waitFor(
    async () => {
      const res = await fetch(`${app.url}/api/jobs/${jobId}`, { headers: { 'x-admin-key': ADMIN_KEY } });
      expect(((await res.json()) as { state: string }).state).toBe('succeeded');
    },
    { timeout: 120_000, interval: 200 },
  );
}, 240_000);

describe(`the recommender console on a phone (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it("calls an iALS list's numbers preferences, not ratings, in a note that is not cut off", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/#user=1`);
    await expect
      .poll(() => page.locator('#top-heading + .badge').textContent(), { timeout: 30_000 })
      .toBe('model');
    const table = page.getByTestId('top-k');
    const headers = await table.locator('thead th').allTextContents();
    // iALS scores are preferences in [0, 1]: a "Predicted rating" of 0.084 on a 1-5 scale reads as a terrible film.
    expect(headers).not.toContain('Predicted rating');
    expect(headers).toContain('Preference (0 to 1)');
    const note = page.getByTestId('order-note');
    expect(await note.textContent()).toMatch(/preference/i);
    expect(await note.textContent()).not.toMatch(/predicted rating/);
    expect(await cutOffInPanels(page, 'caption, [data-testid="order-note"]')).toEqual([]);
    // Six columns drew past the panel: "Rate it" and "Why?", what the page is for, sat behind a sideways scroll.
    expect(await cutOffInPanels(page, '[data-testid="top-k"]')).toEqual([]);
    await browser.screenshot(SHOTS, `recommender-ials-phone-${app.db.split(' ')[0]}`);
    expect(browser.errorsOf(page)).toEqual([]);
  });

  it("shows each model version's 'Serve this version' button in view on a phone", async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/#model`);
    const versions = page.locator('section[aria-labelledby="versions-heading"] tbody tr');
    await expect.poll(() => versions.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // Version, metrics, state and the button drew past the panel: the rollback sat behind a sideways scroll.
    expect(await cutOffInPanels(page, 'section[aria-labelledby="versions-heading"] table')).toEqual([]);
    expect(await versions.first().textContent()).toMatch(/serving/);
    await browser.screenshot(SHOTS, `recommender-versions-phone-${app.db.split(' ')[0]}`);
    expect(browser.errorsOf(page)).toEqual([]);
  });

  it('brings the "Why?" answer into view and back to its row on a phone', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/#user=1`);
    const rows = page.getByTestId('top-k').locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(2);
    const title = (await rows.nth(2).locator('td').nth(1).textContent())!.trim();
    // Each button names its item for a screen reader, after the "Why?" it shows.
    const button = page.getByRole('button', { name: `Why? ${title}`, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    // The panel opened below the whole list, a screen further down: pressing Why? seemed to do nothing.
    const heading = page.locator('#why-heading');
    await expect.poll(() => hasFocus(heading)).toBe(true);
    const top = await heading.evaluate((h) => h.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(844);
    await browser.screenshot(SHOTS, `recommender-why-phone-${app.db.split(' ')[0]}`);
    // Close returns the keyboard to the row it came from, not to the top of the page.
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => hasFocus(button)).toBe(true);
    expect(browser.errorsOf(page)).toEqual([]);
  });
});
