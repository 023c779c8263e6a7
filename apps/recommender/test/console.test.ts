// The recommender console in Debian's Chromium against the real app: train from the page, then rate -> list changes.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');
const ADMIN_KEY = 'console-test-admin-key';
const GENRES = ['Comedy', 'Drama', 'Thriller'];

const { app, browser } = useConsoleApp({ appDir: APP_DIR, env: { ADMIN_KEY } });

/** Taste groups: user u mostly rates items of group u % 3, highly; a few others, low. Deterministic. */
function tasteGroups() {
  const items = Array.from({ length: 36 }, (_, i) => ({
    id: i + 1,
    title: `${GENRES[i % 3]} film ${i + 1}`,
    genres: [GENRES[i % 3]!],
  }));
  const ratings: Array<{ user: number; item: number; rating: number }> = [];
  for (let u = 1; u <= 45; u++)
    for (let n = 0; n < 10; n++) {
      const item = ((u * 7 + n * 5) % 36) + 1;
      const own = (item - 1) % 3 === u % 3;
      ratings.push({ user: u, item, rating: own ? 4 + ((u + n) % 2) : 1 + ((u + n) % 2) });
    }
  return { items, ratings };
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

beforeAll(async () => {
  const { items, ratings } = tasteGroups();
  await post('/api/items/import', items);
  await post('/api/ratings/import', ratings);
}, 240_000);

const topTitles = () =>
  browser.page.$$eval('[data-testid=top-k] tbody tr td:nth-child(2)', (cells) =>
    cells.map((c) => c.textContent),
  );

describe(`the recommender console (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('trains a model from the page and shows its metrics', async () => {
    const { page } = browser;
    await page.goto(`${app.url}/#model`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page.getByLabel('Epochs').fill('15');
    // The page follows the job on its event stream, not by polling GET /api/jobs/{id}.
    const jobCalls: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/jobs\//.test(r.url())) jobCalls.push(new URL(r.url()).pathname);
    });
    await page.getByRole('button', { name: 'Train' }).click();
    const report = page.getByTestId('train-report');
    await expect.poll(() => report.textContent(), { timeout: 90_000 }).toMatch(/Validation rmse\s*\d\.\d{4}/);
    await expect.poll(() => page.getByRole('heading', { name: 'Training curve' }).count()).toBe(1);
    // Training is a job (202, GET /api/jobs/{id}): its per-epoch history draws as the RMSE curve.
    const curve = page.getByRole('img', { name: 'Train and validation RMSE per epoch' });
    await expect.poll(() => curve.locator('canvas').count(), { timeout: 30_000 }).toBe(1);
    expect(jobCalls).toEqual([expect.stringMatching(/^\/api\/jobs\/[0-9a-f-]{36}\/events$/)]);
    expect(await page.getByText('Live from the training job’s event stream.').count()).toBe(1);

    // The published version is listed with its metrics and served; a second run (a matrix factorisation, so other
    // bytes) publishes a newer one, and serving the older one again from the page is a rollback that pins it.
    const rows = page.getByRole('region', { name: 'Model versions' }).locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(1);
    expect(await rows.first().textContent()).toMatch(/rmse \d\.\d{4}.*serving/);
    // Each version says what model it is and what fitted it (its manifest's metadata.kind and .method): the
    // page's optimiser, AdaGrad (it said "sgd" whatever the optimiser before).
    const modelOf = (n: number) => rows.nth(n).locator('td[data-label="Model"]').textContent();
    expect(await modelOf(0)).toBe('fm, adagrad');
    await page.locator('select:has(option[value=mf])').selectOption('mf');
    await page.getByLabel('Epochs').fill('14');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect.poll(() => rows.count(), { timeout: 90_000 }).toBe(2);
    await expect.poll(() => rows.first().textContent(), { timeout: 30_000 }).toContain('serving');
    expect([await modelOf(0), await modelOf(1)]).toEqual(['mf, adagrad', 'fm, adagrad']);
    await rows.nth(1).getByRole('button', { name: 'Serve this version' }).click();
    await expect.poll(() => rows.nth(1).textContent(), { timeout: 30_000 }).toContain('serving, pinned');
    expect(await rows.first().textContent()).not.toContain('serving');
    // The published panel follows: it shows the served (pinned) version, not the one trained last.
    const older = (await rows.nth(1).locator('td').first().textContent())!;
    await expect.poll(() => report.textContent(), { timeout: 30_000 }).toContain(older);
    expect(await report.textContent()).toContain('pinned');
    await browser.screenshot(SHOTS, `recommender-model-${app.db.split(' ')[0]}`);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);

  it('shows a user top-K with titles, and the list changes after a rating', async () => {
    const { page } = browser;
    await page.goto(`${app.url}/#user=2`);
    await page.reload();
    await expect.poll(topTitles, { timeout: 30_000 }).toHaveLength(10);
    const before = await topTitles();
    expect(before.every((t) => /^(Comedy|Drama|Thriller) film \d+$/.test(t ?? ''))).toBe(true);

    // Rating the top item (keyboard: focus its labelled select and choose 1 star) folds the rating in online.
    const first = before[0]!;
    await page.getByLabel(`Rate ${first}`).selectOption('1');
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 30_000 })
      .toContain(`Rated ${first} 1 of 5`);
    await expect.poll(topTitles, { timeout: 30_000 }).not.toEqual(before);
    const after = await topTitles();
    expect(after).not.toContain(first);

    // The rows are in the order of the ranking score shown (the predicted rating alone need not be).
    const ranking = (
      await page.$$eval('[data-testid=top-k] tbody tr td:nth-child(3)', (cells) =>
        cells.map((c) => c.textContent),
      )
    ).map(Number);
    expect(ranking).toEqual([...ranking].sort((a, b) => b - a));
    await expect.poll(() => page.getByText(/^Ordered by ranking score/).count()).toBe(1);

    // Why: the predicted rating of an item for this user and the FM's largest feature contributions.
    await page.getByRole('button', { name: 'Why?' }).first().click();
    await expect.poll(() => page.getByText(/Predicted rating \d\.\d\d/).count(), { timeout: 30_000 }).toBe(1);
    const why = page.getByTestId('why-contributions');
    await expect.poll(() => why.locator('tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(2);
    expect(await why.textContent()).toMatch(/user:2/);
    expect(await why.textContent()).toMatch(/genre:(Comedy|Drama|Thriller)/);
    await browser.screenshot(SHOTS, `recommender-why-${app.db.split(' ')[0]}`);

    // A new user gets a cold-start or popularity list, never an error.
    await page.getByRole('button', { name: 'Start as a new user' }).click();
    await expect.poll(topTitles, { timeout: 30_000 }).toHaveLength(10);
    await page.getByRole('button', { name: 'Show recommendations' }).focus();
    await page.getByLabel('User id').fill('2');
    await page.keyboard.press('Enter');
    await expect.poll(topTitles, { timeout: 30_000 }).toEqual(after);
    await page.getByLabel(`Rate ${after[1]}`).selectOption('5');
    await expect.poll(() => page.getByText('Rated here:').count(), { timeout: 30_000 }).toBe(1);
    await browser.screenshot(SHOTS, `recommender-users-${app.db.split(' ')[0]}`);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);

  it("labels a popularity list's numbers as rating counts, not predicted ratings", async () => {
    const { page } = browser;
    await page.goto(`${app.url}/#user=99999`);
    await page.reload();
    await expect.poll(topTitles, { timeout: 30_000 }).toHaveLength(10);
    expect(await page.locator('#top-heading + .badge').textContent()).toBe('popularity');
    const headers = await page.$$eval('[data-testid=top-k] thead th', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(headers.slice(2, 4)).toEqual(['Ratings', 'Predicted rating']);
    const cells = (column: number) =>
      page.$$eval(`[data-testid=top-k] tbody tr td:nth-child(${column})`, (tds) =>
        tds.map((c) => c.textContent),
      );
    expect((await cells(3)).every((c) => /^[1-9]\d*$/.test(c ?? ''))).toBe(true);
    expect(new Set(await cells(4))).toEqual(new Set(['–']));
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);

  it('trains the ranking model (iALS) from the page, then serves its top-K', async () => {
    const { page } = browser;
    await page.goto(`${app.url}/#model`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page.locator('select:has(option[value=ials])').selectOption('ials');
    await page.getByRole('button', { name: 'Train' }).click();
    await expect
      .poll(() => page.getByRole('heading', { name: 'Published ials model' }).count(), { timeout: 90_000 })
      .toBe(1);
    await page.goto(`${app.url}/#user=2`);
    await page.reload();
    await expect.poll(topTitles, { timeout: 30_000 }).toHaveLength(10);
    // iALS has no feature terms: the panel says what it shows instead (the rated items nearest the item).
    await page.getByRole('button', { name: 'Why?' }).first().click();
    await expect
      .poll(() => page.getByText(/iALS score is one dot product/).count(), { timeout: 30_000 })
      .toBe(1);
    await expect
      .poll(() => page.getByTestId('why-contributions').textContent(), { timeout: 30_000 })
      .toMatch(/rated:\d+/);
    await browser.screenshot(SHOTS, `recommender-why-ials-${app.db.split(' ')[0]}`);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);
});
