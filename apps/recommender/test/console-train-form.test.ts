// The recommender console's training form in Chromium against the real app: a job over the API's training budget is
// stopped before it is sent, a refusal is worded in the form's fields, and the run's outcome stays on the page.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outsideLandmarks } from '@suite/console/testing';
import { ADMIN_KEY, useFilmConsole } from './film-console.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');

const { app, browser, post } = useFilmConsole({
  appDir: APP_DIR,
  users: 9,
  // The refusal of POST /api/train is the point of one test.
  browser: { optionalEndpoints: [/\/api\/train$/] },
});

type Page = (typeof browser)['page'];

/** The model page with the admin key typed, and every POST /api/train the page sends from then on. */
async function modelPage(): Promise<{ page: Page; sent: string[] }> {
  const page = await browser.newPage();
  const sent: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/train') sent.push(r.postData() ?? '');
  });
  await page.goto(`${app.url}/#model`);
  await page.getByLabel('Admin key').fill(ADMIN_KEY);
  return { page, sent };
}

describe(`the recommender training form (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('stops epochs x k over the budget before sending it, naming the limit and what fits', async () => {
    const { page, sent } = await modelPage();
    const form = page.getByRole('region', { name: 'Train a model' });
    await form.getByLabel('Epochs').fill('200');
    await form.getByLabel('Factors (k)').fill('128');
    const problem = form.getByRole('alert');
    await expect
      .poll(() => problem.textContent())
      .toBe(
        '200 epochs with 128 factors cost 25600 work units, over the training budget of 4000: lower Epochs to 31 or Factors (k) to 20.',
      );
    expect(await form.getByLabel('Epochs').getAttribute('aria-invalid')).toBe('true');
    // Sent, the API refused it naming blend and maxChunks, options the form does not have.
    await form.getByLabel('Factors (k)').press('Enter');
    await expect
      .poll(() => page.evaluate<string>('document.activeElement.closest("label")?.textContent'))
      .toBe('Epochs');
    expect(sent).toEqual([]);
    await browser.screenshot(SHOTS, `recommender-train-budget-${app.db.split(' ')[0]}`, page);
    await form.getByLabel('Epochs').fill('31');
    await expect.poll(() => problem.count()).toBe(0);
    expect(await form.getByLabel('Epochs').getAttribute('aria-invalid')).toBeNull();
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("shows the API's refusal in the form's terms when the API still refuses", async () => {
    // The API's own answer to a job over its budget, given here to a job the form took (a server whose budget was
    // lowered since the page was built): the form's words and the API's limit, not blend and maxChunks.
    const refused = await post('/api/train', { kind: 'fm', epochs: 200, k: 128, optimizer: 'adagrad' });
    const problem = await refused.text();
    expect(refused.status, problem).toBe(400);
    expect(problem).toMatch(/exceeds the budget of 4000; lower epochs, k, blend or maxChunks/);
    const { page, sent } = await modelPage();
    await page.route('**/api/train', (route) =>
      route.fulfill({ status: 400, contentType: 'application/problem+json', body: problem }),
    );
    const form = page.getByRole('region', { name: 'Train a model' });
    await form.getByLabel('Epochs').fill('20');
    await form.getByLabel('Factors (k)').fill('8');
    await form.getByRole('button', { name: 'Train' }).click();
    await expect
      .poll(() => form.getByRole('alert').textContent())
      .toBe(
        'The API refused to train: these options are over its training budget of 4000 work units; lower Epochs or Factors (k).',
      );
    expect(sent).toHaveLength(1);
    expect(await form.getByTestId('train-status').textContent()).toBe('');
    await page.unroute('**/api/train');
    await page.close();
  });

  it('keeps the final status of a run, with its figures, after the run ends', async () => {
    const { page } = await modelPage();
    const form = page.getByRole('region', { name: 'Train a model' });
    await form.getByLabel('Epochs').fill('4');
    await form.getByRole('button', { name: 'Train' }).click();
    const status = form.getByTestId('train-status');
    await expect
      .poll(() => status.textContent(), { timeout: 90_000 })
      .toMatch(
        /^Training succeeded: version \S+, \d+ epochs \(best \d+\), validation rmse \d\.\d{4}, .*\d s\.$/,
      );
    // The published panel and the versions list follow; the status stays.
    await expect.poll(() => page.getByTestId('train-report').count(), { timeout: 30_000 }).toBe(1);
    expect(await status.textContent()).toMatch(/^Training succeeded/);
    await browser.screenshot(SHOTS, `recommender-train-status-${app.db.split(' ')[0]}`, page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('rates by keyboard only with Enter, then moves the focus to the row that took the rated one', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#user=1`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    const selects = page.getByTestId('top-k').locator('tbody select');
    await expect.poll(() => selects.count(), { timeout: 30_000 }).toBeGreaterThan(2);
    const [first, second] = [
      await selects.nth(0).getAttribute('aria-label'),
      await selects.nth(1).getAttribute('aria-label'),
    ];
    await selects.nth(0).focus();
    // Arrow keys on a closed select change its value at each press: the first one rated five stars at once.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(500);
    expect(await selects.nth(0).getAttribute('aria-label')).toBe(first);
    expect(await page.getByRole('status').first().textContent()).toBe('');
    await page.keyboard.press('Enter');
    const rated = first!.replace(/^Rate /, '');
    await expect
      .poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 })
      .toBe(`Rated ${rated} 1 of 5; the list below is updated.`);
    // The rated item left the list with its select: the focus fell back to <body>.
    await expect
      .poll(() => page.evaluate<string | null>('document.activeElement.getAttribute("aria-label")'))
      .toBe(second);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('keeps every view, the Admin key bar with it, inside landmarks', async () => {
    const page = await browser.newPage();
    for (const view of ['#user=1', '#model', '#private']) {
      await page.goto(`${app.url}/${view}`);
      await expect.poll(() => page.locator('main section').count(), { timeout: 30_000 }).toBeGreaterThan(0);
      if (view !== '#private') expect(await page.getByLabel('Admin key').count()).toBe(1);
      await expect
        .poll(async () => ({ view, outside: await outsideLandmarks(page) }))
        .toEqual({ view, outside: [] });
    }
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });
});
