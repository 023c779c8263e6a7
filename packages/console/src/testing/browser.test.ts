import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type ConsoleBrowser } from './browser.ts';

// Debian's Chromium: a test that opens its own page checks that page's errors, not those an earlier test's page left.
describe("the console test kit's browser errors", () => {
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('keeps what each page reported apart, and every page in errors', async () => {
    const failing = await browser.newPage();
    const clean = await browser.newPage();
    await failing.setContent(
      `<script>console.error('first case failed'); setTimeout(() => { throw new Error('late'); });</script>`,
    );
    await clean.setContent('<p>nothing wrong here</p>');
    await expect.poll(() => browser.errorsOf(failing).length).toBe(2);
    expect(browser.errorsOf(failing)).toEqual([
      expect.stringContaining('first case failed'),
      'page error: late',
    ]);
    expect(browser.errorsOf(clean)).toEqual([]);
    expect(browser.errors).toEqual(browser.errorsOf(failing));
    expect(browser.errorsOf(browser.page)).toEqual([]);
  });
});
