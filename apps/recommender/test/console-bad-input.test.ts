// The recommender console in Chromium used carelessly: a rating without the admin key, users picked by address.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, useFilmConsole } from './film-console.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');

const { app, browser } = useFilmConsole({
  appDir: APP_DIR,
  users: 6,
  // The rating sent without the admin key is refused on purpose.
  browser: { optionalEndpoints: [/\/api\/events$/] },
});

const heading = () => browser.page.locator('#top-heading').textContent();

describe(`the recommender console used carelessly (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('shows the user the address names, also after going back or editing it', async () => {
    const { page } = browser;
    await page.goto(`${app.url}/#user=1`);
    await expect.poll(heading, { timeout: 30_000 }).toMatch(/^Top 10 for user 1$/);
    await page.evaluate("location.hash = 'user=2'");
    await expect.poll(heading).toMatch(/^Top 10 for user 2$/);
    expect(await page.getByLabel('User id').inputValue()).toBe('2');
    await page.goBack();
    await expect.poll(heading).toMatch(/^Top 10 for user 1$/);
    // To the model and back through the top bar: the same user's list, not an empty picker.
    await page.getByRole('link', { name: 'Model' }).click();
    await page.getByRole('link', { name: 'Recommendations' }).click();
    await expect.poll(heading).toMatch(/^Top 10 for user 1$/);
    expect(browser.errorsOf(page)).toEqual([]);
  });

  it('says a rating needs the admin key and where to give it, without asking for an API key', async () => {
    const page = await browser.newPage();
    const heading = () => page.locator('#top-heading').textContent();
    await page.goto(`${app.url}/#user=3`);
    await expect.poll(heading, { timeout: 30_000 }).toMatch(/user 3$/);
    const rate = page.getByRole('combobox', { name: /^Rate / }).first();
    await rate.selectOption('5');
    await expect.poll(() => page.locator('p.error').textContent()).toMatch(/admin key/);
    // The app runs with API_KEYS off: no client key would help, so the page must not ask for one.
    expect(await page.locator('form.api-key').count()).toBe(0);
    await expect.poll(() => page.getByTestId('needs-admin-key').count()).toBe(1);
    await browser.screenshot(SHOTS, `recommender-rating-needs-key-${app.db.split(' ')[0]}`, page);

    // Typed in the page's one key field, right here (no training, no other view), the key serves the next rating.
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page
      .getByRole('combobox', { name: /^Rate / })
      .first()
      .selectOption('5');
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^Rated .* 5 of 5/);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("explains a popularity list's item by popularity, and a missing model as such rather than as an error", async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#user=900123`);
    await expect
      .poll(() => page.locator('#top-heading + .badge').textContent(), { timeout: 30_000 })
      .toBe('popularity');
    const first = page.locator('[data-testid="top-k"] tbody tr').first();
    const ratings = (await first.locator('td').nth(2).textContent())!;
    await first.getByRole('button', { name: 'Why?' }).click();
    await expect
      .poll(() => page.getByTestId('why-popular').textContent())
      .toMatch(new RegExp(`among the most rated items \\(${ratings} ratings?\\)`));
    // No model is trained in this file: nothing to predict, said as such rather than as a failed request.
    expect(await page.locator('section[aria-labelledby="why-heading"]').textContent()).toContain(
      'No model is published yet',
    );
    expect(await page.locator('section[aria-labelledby="why-heading"] .error').count()).toBe(0);
    await browser.screenshot(SHOTS, `recommender-why-popular-${app.db.split(' ')[0]}`, page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });
});
