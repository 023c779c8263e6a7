// A French message in Debian's Chromium, in the customer chat (the server's n-gram profile) and the offline chat (the
// same profile inside the browser's chunk), to the default demo (en, zh, es): both answer with the line saying French
// is not spoken yet.
import { describe, expect, it } from 'vitest';
import { useChatbotConsole } from './console-kit.ts';

const { app, browser, shot } = useChatbotConsole();
const FRENCH = "Ma carte n'est toujours pas arrivée";
const NOTICE = "I can't answer in French yet, so I'm answering in English";

describe('a message in an undeclared Latin-script language, in the browser', () => {
  it('gets the line saying so in the customer chat and in the offline chat', async () => {
    const { page } = browser;
    await page.goto(app.url);
    await page.getByLabel('Your message', { exact: true }).fill(FRENCH);
    await page.getByLabel('Your message', { exact: true }).press('Enter');
    const online = page.locator('section.chat .bubble.assistant');
    // The bubble shows "…" while the answer streams in.
    await expect.poll(() => online.textContent(), { timeout: 30_000 }).toContain(NOTICE);
    await shot('undeclared-french');

    await page.goto(`${app.url}/#offline`);
    await expect
      .poll(() => page.getByText(/KB classifier\) was downloaded once/).count(), { timeout: 60_000 })
      .toBe(1);
    await page.getByLabel('Your message (offline)').fill(FRENCH);
    await page.getByLabel('Your message (offline)').press('Enter');
    const offline = page.locator('[data-testid=offline-log] .bubble.assistant');
    await expect.poll(() => offline.textContent()).toContain(NOTICE);
    await shot('undeclared-french-offline');
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);
});
