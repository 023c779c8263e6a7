// Messages in Latin-script languages the default demo (en, zh, es) does not declare, in Debian's Chromium, in the
// customer chat (the server's n-gram profile) and the offline chat (the same profile inside the browser's chunk):
// French, one of the first five the check told, and Polish, one of eld's other Latin-script languages, each get the
// line saying the language is not spoken yet.
import { describe, expect, it } from 'vitest';
import { FIRST_UNDECLARED_LATIN, MORE_UNDECLARED_LATIN } from '../src/testing/undeclared-latin-samples.ts';
import { useChatbotConsole } from './console-kit.ts';

const { app, browser, shot } = useChatbotConsole();
const sample = (list: typeof FIRST_UNDECLARED_LATIN, tag: string) =>
  list.find(([, l]) => l === tag)?.[0] ?? '';
const MESSAGES = [
  { text: sample(FIRST_UNDECLARED_LATIN, 'fr'), name: 'French' },
  { text: sample(MORE_UNDECLARED_LATIN, 'pl'), name: 'Polish' },
];
const notice = (name: string) => `I can't answer in ${name} yet, so I'm answering in English`;

describe('a message in an undeclared Latin-script language, in the browser', () => {
  it('gets the line saying so in the customer chat and in the offline chat', async () => {
    const { page } = browser;
    await page.goto(app.url);
    const online = page.locator('section.chat .bubble.assistant');
    for (const [i, { text, name }] of MESSAGES.entries()) {
      await page.getByLabel('Your message', { exact: true }).fill(text);
      await page.getByLabel('Your message', { exact: true }).press('Enter');
      // The bubble shows "…" while the answer streams in; the first answer trains the classifier first, slow on a
      // loaded machine (over 30 s at load 48), as console-titles-problems.test.ts waits for it.
      await expect.poll(() => online.nth(i).textContent(), { timeout: 120_000 }).toContain(notice(name));
    }
    await shot('undeclared-latin');

    await page.goto(`${app.url}/#offline`);
    await expect
      .poll(() => page.getByText(/KB classifier\) was downloaded once/).count(), { timeout: 60_000 })
      .toBe(1);
    const offline = page.locator('[data-testid=offline-log] .bubble.assistant');
    for (const [i, { text, name }] of MESSAGES.entries()) {
      await page.getByLabel('Your message (offline)').fill(text);
      await page.getByLabel('Your message (offline)').press('Enter');
      await expect.poll(() => offline.nth(i).textContent()).toContain(notice(name));
    }
    await shot('undeclared-latin-offline');
    expect(browser.errorsOf(page)).toEqual([]);
  }, 240_000);
});
