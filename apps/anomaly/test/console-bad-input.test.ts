// The anomaly console in Chromium when things go wrong: failed reads, odd series ids, a narrow screen.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cutOffInPanels, outsideTheirPanels, sidewaysOverflow, useConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = join(APP_DIR, '.screenshots');
const ADMIN_KEY = 'console-test-admin-key';
/** The dev host's admin API key, to run the refit timer now. */
const MASTER_KEY = 'console-test-master-key';

const { app, browser } = useConsoleApp({
  appDir: APP_DIR,
  env: { ADMIN_KEY, FUNCTIONS_MASTER_KEY: MASTER_KEY },
});

async function postPoints(series: string, count: number, spikeAt?: number): Promise<void> {
  const now = Date.now();
  const points = Array.from({ length: count }, (_, i) => ({
    series,
    timestamp: new Date(now - (count - i) * 60_000).toISOString(),
    value: i === spikeAt ? 0.95 : 0.4 + 0.05 * Math.sin(i / 5),
  }));
  const posted = await fetch(`${app.url}/api/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
    body: JSON.stringify(points),
  });
  expect(posted.status, await posted.text()).toBe(200);
}

/** Chromium logs each refused request as a console error; the ones a test provokes on purpose are left out. */
const unexpected = (errors: string[], provoked: RegExp) => errors.filter((e) => !provoked.test(e));
/** The versions read the first test refuses on purpose. */
const FLAKY_READ = /status of 503 .*series-cpu\.flaky-versions/;

describe(`the anomaly console given trouble (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it("drops a failed versions read's error once a later read succeeds, in the same series or another", async () => {
    const flaky = 'cpu.flaky-versions';
    const good = 'cpu.good-versions';
    await postPoints(flaky, 1);
    await postPoints(good, 1);
    const page = await browser.newPage();
    // The first read of the flaky series' versions meets a model store outage; every later read gets through.
    let refused = 0;
    await page.route(/\/api\/models\?name=series-cpu\.flaky-versions$/, async (route) => {
      if (refused++ > 0) return route.continue();
      await route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          title: 'Service Unavailable',
          status: 503,
          detail: 'the model store is down',
        }),
      });
    });
    await page.goto(`${app.url}/#series=${flaky}`);
    const versions = page.locator('section[aria-labelledby="versions-heading"]');
    const error = versions.locator('.error');
    await expect.poll(() => error.textContent(), { timeout: 30_000 }).toContain('the model store is down');

    // Warm: ingestion publishes the series' first model, the list shows its new version, the panel reads again.
    await postPoints(flaky, 120);
    await expect.poll(() => versions.locator('tbody tr').count(), { timeout: 60_000 }).toBe(1);
    expect(await error.count()).toBe(0);

    await page.getByRole('button', { name: new RegExp(good.replace('.', '\\.')) }).click();
    await expect.poll(() => versions.textContent()).toContain('No model published yet');
    expect(await error.count()).toBe(0);
    await browser.screenshot(SHOTS, `anomaly-versions-recovered-${app.db.split(' ')[0]}`, page);
    expect(unexpected(browser.errorsOf(page), FLAKY_READ)).toEqual([]);
    await page.close();
  });

  it("fits a phone's width with a 128-character series id and wide tables: nothing pushes the page sideways", async () => {
    const long = `host-${'x'.repeat(123)}`;
    await postPoints(long, 1);
    await postPoints('cpu.phone-test', 120);
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    for (const series of [long, 'cpu.phone-test']) {
      await page.goto(`${app.url}/#series=${series}`);
      await expect.poll(() => page.locator('#chart-heading').textContent(), { timeout: 30_000 }).toBe(series);
      // Loaded: the points drawn and, once the series is warm, its versions table (the widest on the page).
      await expect
        .poll(() => page.getByTestId('chart-summary').textContent(), { timeout: 30_000 })
        .toMatch(series === long ? /^1 point shown/ : /^120 points/);
      if (series !== long)
        await expect
          .poll(() => page.locator('section[aria-labelledby="versions-heading"] tbody tr').count())
          .toBe(1);
      expect(await sidewaysOverflow(page), `with ${series.slice(0, 20)}…`).toBe(0);
      expect(await outsideTheirPanels(page)).toEqual([]);
      // The versions' "Serve this version" button in view, not behind a sideways scroll of their table.
      expect(await cutOffInPanels(page, 'section[aria-labelledby="versions-heading"] table')).toEqual([]);
    }
    await browser.screenshot(SHOTS, `anomaly-phone-${app.db.split(' ')[0]}`, page);
    expect(unexpected(browser.errorsOf(page), FLAKY_READ)).toEqual([]);
    await page.close();
  });

  it("keeps the incidents and anomalous points tables and the note in view on a phone, not cut off at the panel's edge", async () => {
    await postPoints('cpu.phone-spike', 180, 150);
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/#series=cpu.phone-spike`);
    const incidents = page.locator('section[aria-labelledby="incidents-heading"] tbody tr');
    await expect.poll(() => incidents.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // "Oldest first" was a caption centred over the 500 px table: "Oldest firs" at the right edge of the panel.
    expect(await cutOffInPanels(page, 'caption')).toEqual([]);
    expect(await page.locator('section[aria-labelledby="incidents-heading"]').textContent()).toContain(
      'Oldest first',
    );
    // The table itself fits too: its seven columns scrolled sideways inside the panel on a 390 px phone.
    expect(await sidewaysOverflow(page)).toBe(0);
    expect(await cutOffInPanels(page, 'section[aria-labelledby="incidents-heading"] table')).toEqual([]);
    // So does the anomalous points' table: its five columns (a full local date and time first) scrolled sideways.
    const anomalies = page.locator('section[aria-labelledby="anomalies-heading"] tbody tr');
    expect(await anomalies.count()).toBeGreaterThan(0);
    expect(await cutOffInPanels(page, 'section[aria-labelledby="anomalies-heading"] table')).toEqual([]);
    await browser.screenshot(SHOTS, `anomaly-phone-incidents-${app.db.split(' ')[0]}`, page);
    expect(unexpected(browser.errorsOf(page), FLAKY_READ)).toEqual([]);
    await page.close();
  });

  it("offers a series' model for download only once it has one, saying why not while it warms up", async () => {
    const series = 'cpu.warming-download';
    await postPoints(series, 1);
    const page = await browser.newPage();
    await page.goto(`${app.url}/#series=${series}`);
    const offline = page.locator('section[aria-labelledby="offline-heading"]');
    await expect.poll(() => offline.textContent(), { timeout: 30_000 }).toContain('still warming up');
    expect(await offline.getByRole('button', { name: 'Download the model' }).count()).toBe(0);
    // Warm (ingestion publishes its first model): the list says so within a poll, and the download is offered.
    await postPoints(series, 120);
    await offline.getByRole('button', { name: 'Download the model' }).click({ timeout: 30_000 });
    await expect.poll(() => offline.getByLabel('Next value').count(), { timeout: 30_000 }).toBe(1);
    expect(await offline.getByRole('alert').count()).toBe(0);
    expect(unexpected(browser.errorsOf(page), FLAKY_READ)).toEqual([]);
    await page.close();
  });

  it('scores a typed value only as the API would read it, and says why not otherwise', async () => {
    const series = 'cpu.typed-values';
    await postPoints(series, 120);
    const page = await browser.newPage();
    await page.goto(`${app.url}/#series=${series}`);
    const offline = page.locator('section[aria-labelledby="offline-heading"]');
    await offline.getByRole('button', { name: 'Download the model' }).click({ timeout: 30_000 });
    const input = offline.getByLabel('Next value');
    await expect.poll(() => input.count(), { timeout: 30_000 }).toBe(1);
    // Before: "0x10" was scored as 16, and "1,5", "abc" or "1e400" greyed the button out without a word.
    for (const [typed, says] of [
      ['0x10', 'not a number the app would take'],
      ['1,5', 'Use a point for decimals (1.5)'],
      ['abc', 'not a number the app would take'],
      ['1e400', 'The app would reject 1e400'],
    ] as const) {
      await input.fill(typed);
      await offline.getByRole('button', { name: 'Score here' }).click();
      await expect.poll(() => offline.getByRole('alert').textContent()).toContain(says);
      expect(await offline.getByTestId('offline-scores').count(), typed).toBe(0);
    }
    await input.fill(' 0.5 ');
    await input.press('Enter');
    await expect.poll(() => offline.getByTestId('offline-scores').locator('tbody tr').count()).toBe(1);
    expect(await offline.getByRole('alert').count()).toBe(0);
    expect(unexpected(browser.errorsOf(page), FLAKY_READ)).toEqual([]);
    await page.close();
  });

  it("draws a new series' only point on an hour around it, not on years of empty axis", async () => {
    const series = 'cpu.lone-point';
    await postPoints(series, 1);
    const at = (Date.now() - 60_000) / 1000;
    const page = await browser.newPage();
    await page.goto(`${app.url}/#series=${series}`);
    const chart = page.getByRole('img', { name: /anomalous points in red/ });
    await expect.poll(() => chart.getAttribute('data-x-to'), { timeout: 30_000 }).not.toBeNull();
    const from = Number(await chart.getAttribute('data-x-from'));
    const to = Number(await chart.getAttribute('data-x-to'));
    expect(to - from).toBeLessThanOrEqual(2 * 3600);
    expect(from).toBeLessThan(at);
    expect(to).toBeGreaterThan(at);
    expect(await chart.getAttribute('aria-label')).toMatch(/\(from .+ to .+\)$/);
    // One point is "1 point", in the list and under the chart, never "1 points".
    await expect
      .poll(() => page.locator('main').textContent(), { timeout: 30_000 })
      .toContain('1 point shown');
    expect(await page.locator('main').textContent()).not.toMatch(/\b1 points\b|\(s\)/);
    expect(unexpected(browser.errorsOf(page), FLAKY_READ)).toEqual([]);
    await page.close();
  });

  it('keeps the admin key typed in the versions panel when another series is picked', async () => {
    await postPoints('cpu.key-a', 1);
    await postPoints('cpu.key-b', 1);
    const page = await browser.newPage();
    await page.goto(`${app.url}/#series=cpu.key-a`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: /cpu\.key-b/ }).click();
    await expect.poll(() => page.locator('#chart-heading').textContent()).toBe('cpu.key-b');
    expect(await page.getByLabel('Admin key').inputValue()).toBe(ADMIN_KEY);
    expect(unexpected(browser.errorsOf(page), FLAKY_READ)).toEqual([]);
    await page.close();
  });

  it('says an admin key typed on another keyboard layout cannot be sent, instead of a fetch TypeError', async () => {
    const series = 'cpu.key-layout';
    // Ingestion publishes the first model; the refit timer a second, so the first has a "Serve this version".
    await postPoints(series, 120);
    const refit = await fetch(`${app.url}/admin/functions/refitTimer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-functions-key': MASTER_KEY },
      body: '{}',
    });
    expect(refit.status, await refit.text()).toBe(202);
    const page = await browser.newPage();
    await page.goto(`${app.url}/#series=${series}`);
    const versions = page.locator('section[aria-labelledby="versions-heading"]');
    const serve = versions.getByRole('button', { name: 'Serve this version' }).first();
    await expect.poll(() => serve.count(), { timeout: 60_000 }).toBe(1);
    await page.getByLabel('Admin key').fill('ключ');
    // Before: no word in the bar, and serving showed "Failed to execute 'fetch' on 'Window': ... ISO-8859-1".
    const bar = page.locator('form.admin-key');
    await expect.poll(() => bar.getByRole('alert').textContent()).toContain('plain ASCII');
    await serve.click();
    await expect.poll(() => versions.locator('.error').textContent()).toContain('plain ASCII');
    expect(await versions.textContent()).not.toContain('ISO-8859-1');
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    expect(await bar.getByRole('alert').count()).toBe(0);
    expect(unexpected(browser.errorsOf(page), FLAKY_READ)).toEqual([]);
    await page.close();
  });
});
