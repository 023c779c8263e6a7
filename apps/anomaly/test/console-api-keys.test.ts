// With API_KEYS=on the page still loads (static files are public) and asks for an API key, then works with it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outsideLandmarks, useConsoleApp } from '@suite/console/testing';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = 'console-test-admin-key';

const { app, browser } = useConsoleApp({
  appDir: APP_DIR,
  env: { ADMIN_KEY, API_KEYS: 'on' },
  // Before the key is given, the series list is refused with 401: that one error is the point of the test.
  browser: { optionalEndpoints: [/\/api\/series\?limit=\d+$/] },
});

describe('the anomaly console with API_KEYS=on', () => {
  it('asks for an API key, keeps it for the tab and sends it as x-api-key', async () => {
    const created = await fetch(`${app.url}/api/apikeys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify({ client: 'console-test' }),
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };

    const { page } = browser;
    await page.goto(app.url);
    const bar = page.locator('form.api-key');
    await expect.poll(() => bar.count(), { timeout: 30_000 }).toBe(1);
    // Both key bars are landmarks of their own (named forms), whose names leave their fields' labels alone.
    expect(await outsideLandmarks(page)).toEqual([]);
    expect(await page.getByRole('form', { name: 'API access' }).count()).toBe(1);
    expect(await page.getByRole('form', { name: 'Admin access' }).count()).toBe(1);
    expect(await page.getByLabel('Admin key').count()).toBe(1);
    expect(await page.getByLabel('API key').count()).toBe(1);
    await page.getByLabel('API key').fill(key);
    await page.getByRole('button', { name: 'Use this key' }).click();
    await expect.poll(() => page.getByText('No series yet').count(), { timeout: 30_000 }).toBe(1);
    expect(await bar.count()).toBe(0);
    expect(await outsideLandmarks(page)).toEqual([]);
    expect(browser.errorsOf(page)).toEqual([]);
  });
});
