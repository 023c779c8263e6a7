// The chatbot console used from the keyboard: a button that goes away when pressed hands the focus on to what
// replaced it, never to the page (where the next Tab starts again at the top bar); and every view is reachable by a
// screen reader's landmarks.
import { beforeAll, describe, expect, it } from 'vitest';
import { outsideLandmarks } from '@suite/console/testing';
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

const { app, browser, shot, post } = useChatbotConsole();

type Page = (typeof browser)['page'];

// The first chat trains the classifier: at load 50 on 2 cores that took longer than a test's 120 s, so it happens here,
// within the hook's 240 s, and each test's first answer comes from a served model.
beforeAll(async () => {
  const res = await fetch(`${app.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: 'hello' }),
  });
  expect(res.status, await res.text()).toBe(200);
}, 240_000);

/** What holds the focus: its tag and accessible label, or its text. */
const focused = (page: Page) =>
  page.evaluate<string>(
    `(() => { const el = document.activeElement; const label = el?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? el?.textContent ?? ''; return el.tagName + ' ' + label.trim().slice(0, 60); })()`,
  );

describe(`the chatbot console by keyboard (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('moves the focus from "Wrong" to the question asking which topic was meant', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    await page.getByLabel('Your message').fill('my new card has not arrived');
    await page.getByLabel('Your message').press('Enter');
    const wrong = page.getByRole('button', { name: 'Thumbs down: the answer was wrong' });
    await expect.poll(() => wrong.count(), { timeout: 120_000 }).toBe(1);
    await wrong.focus();
    await page.keyboard.press('Enter');
    // The button was replaced by the topic list and the focus fell back to <body>.
    await expect.poll(() => focused(page)).toMatch(/^SELECT What were you asking about\?/);
    await page.locator('select:focus').selectOption({ label: 'Lost or stolen card' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^BUTTON Send correction/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.meta.good').count(), { timeout: 30_000 }).toBe(1);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('moves the focus from "Claim" to the reply the agent claimed the handoff for', async () => {
    const res = await fetch(`${app.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'can I talk to a person' }),
    });
    expect(res.status, await res.text()).toBe(200);
    const desk = await browser.newPage();
    await desk.goto(`${app.url}/#agent`);
    await desk.getByLabel('Admin key').fill(ADMIN_KEY);
    await desk.getByLabel('Your name').fill('ann');
    await desk.getByLabel('Your name').press('Enter');
    const entry = desk.getByRole('button', { name: /can I talk to a person/ });
    await expect.poll(() => entry.count(), { timeout: 30_000 }).toBe(1);
    await entry.click();
    const claim = desk.getByRole('button', { name: 'Claim', exact: true });
    await claim.focus();
    await desk.keyboard.press('Enter');
    await expect.poll(() => focused(desk), { timeout: 30_000 }).toMatch(/^INPUT Reply to the customer/);
    await desk.keyboard.type('Your card was posted yesterday.');
    await desk.keyboard.press('Enter');
    await expect
      .poll(() => desk.locator('.bubble.agent').textContent(), { timeout: 30_000 })
      .toMatch(/Your card was posted yesterday\./);
    await shot('agent-keyboard', desk);
    expect(browser.errorsOf(desk)).toEqual([]);
    await desk.close();
  });

  it('keeps the focus on Retrain while the training job runs and after it ends', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#kb`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    const retrain = page.getByRole('button', { name: 'Retrain', exact: true });
    await retrain.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('train-status').textContent(), { timeout: 120_000 })
      .toMatch(/trained on/);
    // Disabled for the job's length, the button dropped the focus to <body>.
    expect(await focused(page)).toBe('BUTTON Retrain');
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('moves the focus from "Resolve" to the next handoff waiting, and to the status once nobody is', async () => {
    // The desk starts from an empty queue (earlier tests left handoffs): each resolved over the API.
    const admin = { 'x-admin-key': ADMIN_KEY };
    const left = await fetch(`${app.url}/api/handoffs?status=unresolved&limit=100`, { headers: admin });
    for (const { id, status } of ((await left.json()) as { handoffs: { id: number; status: string }[] })
      .handoffs) {
      if (status === 'open') await post(`/api/handoffs/${id}/claim`, { agent: 'ann' }, admin);
      await post(`/api/handoffs/${id}/resolve`, { agent: 'ann' }, admin);
    }
    for (const message of ['can I talk to a person', 'I want a human please'])
      await post('/api/chat', { message });
    const desk = await browser.newPage();
    await desk.goto(`${app.url}/#agent`);
    await desk.getByLabel('Admin key').fill(ADMIN_KEY);
    await desk.getByLabel('Your name').fill('ann');
    await desk.getByLabel('Your name').press('Enter');
    const entries = desk.getByRole('region', { name: 'Handoff queue' }).getByRole('button', { name: /^#/ });
    await expect.poll(() => entries.count(), { timeout: 30_000 }).toBe(2);
    const [first, second] = [(await entries.nth(0).textContent())!, (await entries.nth(1).textContent())!];

    const resolveByKeyboard = async () => {
      const claim = desk.getByRole('button', { name: 'Claim', exact: true });
      await claim.focus();
      await desk.keyboard.press('Enter');
      await expect.poll(() => focused(desk), { timeout: 30_000 }).toMatch(/^INPUT Reply to the customer/);
      await desk.getByLabel('Resolution note').focus();
      await desk.keyboard.type('answered');
      await desk.keyboard.press('Enter');
    };
    await entries.nth(0).focus();
    await desk.keyboard.press('Enter');
    await resolveByKeyboard();
    // The resolved handoff left the queue with its panel and "Resolve": the focus fell back to <body>.
    await expect.poll(() => entries.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => focused(desk)).toBe(`BUTTON ${second.trim().slice(0, 60)}`);
    expect(await desk.getByRole('status').textContent()).toMatch(/^Handoff #\d+ resolved\.$/);
    expect(first).not.toBe(second);

    await desk.keyboard.press('Enter');
    await resolveByKeyboard();
    await expect.poll(() => entries.count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(() => focused(desk)).toMatch(/^P Handoff #\d+ resolved\.$/);
    await shot('agent-resolved-keyboard', desk);
    expect(browser.errorsOf(desk)).toEqual([]);
    await desk.close();
  });

  it('keeps every view, the Admin key bar with it, inside landmarks', async () => {
    const page = await browser.newPage();
    for (const view of ['', '#agent', '#kb', '#offline']) {
      await page.goto(`${app.url}/${view}`);
      await expect.poll(() => page.locator('main').textContent(), { timeout: 30_000 }).not.toBe('');
      if (view === '#agent' || view === '#kb') {
        // Named as a landmark of its own, the bar leaves its field's name alone.
        expect(await page.getByLabel('Admin key').count()).toBe(1);
        expect(await page.getByRole('form', { name: 'Admin access' }).count()).toBe(1);
      }
      expect({ view, outside: await outsideLandmarks(page) }).toEqual({ view, outside: [] });
    }
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });
});
