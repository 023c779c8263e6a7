// The chatbot console in Chromium when the user gets things wrong: a wrong admin key, a terse ask for a person.
import { describe, expect, it } from 'vitest';
import {
  brokenLabelWords,
  cutOffInPanels,
  outsideTheirPanels,
  sidewaysOverflow,
} from '@suite/console/testing';
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

const { app, browser, shot } = useChatbotConsole({
  // The wrong key's refused reads are the point of a test here.
  browser: { optionalEndpoints: [/\/api\/handoffs\?/] },
});

describe(`the chatbot console given bad input (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('shows a wrong admin key on the agent desk as the auth problem only, never as an empty queue', async () => {
    const desk = await browser.newPage();
    await desk.goto(`${app.url}/#agent`);
    await desk.getByLabel('Admin key').fill('not-the-admin-key');
    await desk.getByLabel('Your name').fill('ann');
    await desk.getByLabel('Your name').press('Enter');
    await expect.poll(() => desk.getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/admin key/i);
    expect(await desk.getByText('Nobody is waiting.').count()).toBe(0);
    await shot('agent-wrong-key', desk);

    // Signed in again with the right key, the empty queue is said as such and the problem is gone.
    await desk.getByRole('button', { name: /Sign out/ }).click();
    await desk.getByLabel('Admin key').fill(ADMIN_KEY);
    await desk.getByLabel('Your name').fill('ann');
    await desk.getByLabel('Your name').press('Enter');
    await expect.poll(() => desk.getByText('Nobody is waiting.').count(), { timeout: 30_000 }).toBe(1);
    expect(await desk.getByRole('alert').count()).toBe(0);
    expect(browser.errorsOf(desk)).toEqual([]);
    await desk.close();
  });

  it('wraps a 100-letter agent name on a phone instead of running out of the desk', async () => {
    const desk = await browser.newPage();
    await desk.setViewportSize({ width: 390, height: 844 });
    await desk.goto(`${app.url}/#agent`);
    await desk.getByLabel('Admin key').fill(ADMIN_KEY);
    await desk.getByLabel('Your name').fill('n'.repeat(100));
    await desk.getByLabel('Your name').press('Enter');
    await expect
      .poll(() => desk.getByRole('button', { name: /^Sign out/ }).count(), { timeout: 30_000 })
      .toBe(1);
    expect(await outsideTheirPanels(desk)).toEqual([]);
    await desk.getByRole('button', { name: /^Sign out/ }).click();
    expect(browser.errorsOf(desk)).toEqual([]);
    await desk.close();
  });

  it("keeps a queue entry short when the customer's last message is long, the whole of it in its title", async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    // The ask for a person ends the long message itself, so it is the message the queue shows.
    const long = `${'my card payment was declined at the shop again and again '.repeat(14)}I want to talk to a person`;
    await page.getByLabel('Your message').fill(long);
    await page.getByLabel('Your message').press('Enter');
    await expect.poll(() => page.getByText('handed to a person').count(), { timeout: 120_000 }).toBe(1);
    const desk = await browser.newPage();
    await desk.goto(`${app.url}/#agent`);
    await desk.getByLabel('Admin key').fill(ADMIN_KEY);
    await desk.getByLabel('Your name').fill('ann');
    await desk.getByLabel('Your name').press('Enter');
    const entry = desk.locator(`.queue-message[title="${long}"]`);
    await expect.poll(() => entry.count(), { timeout: 30_000 }).toBe(1);
    // Two lines of the message at most: the entry's button stays a few lines tall, not a wall of text.
    const height = (await entry.boundingBox())!.height;
    const fontSize = await desk.evaluate<number>(
      "parseFloat(getComputedStyle(document.querySelector('.queue-message')).fontSize)",
    );
    expect(height).toBeLessThanOrEqual(2.6 * fontSize);
    await shot('queue-long-message', desk);
    await desk.getByRole('button', { name: /^Sign out/ }).click();
    expect({ customer: browser.errorsOf(page), desk: browser.errorsOf(desk) }).toEqual({
      customer: [],
      desk: [],
    });
    await Promise.all([page.close(), desk.close()]);
  });

  it('never offers the intent it answered as a "Did you mean" choice, as on a terse ask for a person', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    const input = page.getByLabel('Your message');
    // "human" is caught as a request for a person although the classifier is unsure of it (below 50%).
    await input.fill('human');
    await input.press('Enter');
    const answer = page.locator('.bubble.assistant').last();
    await expect
      .poll(() => answer.getByTestId('answer-meta').textContent(), { timeout: 120_000 })
      .toMatch(/intent Talk to a person · confidence \d+%.*handed to a person/);
    await expect.poll(() => answer.getAttribute('aria-busy')).toBe('false');
    expect(await answer.getByRole('group', { name: 'Did you mean' }).count()).toBe(0);
    await shot('terse-handoff', page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("fits a phone's width: every view's link inside the top bar, a 2000-letter word wrapped in its bubble", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(app.url);
    // Each view's link lies within the dark top bar, where its light text can be read.
    const outside = await page.evaluate<string[]>(`[...document.querySelectorAll('header.top nav a')]
      .filter((a) => {
        const bar = document.querySelector('header.top').getBoundingClientRect();
        const box = a.getBoundingClientRect();
        return box.right > bar.right || box.bottom > bar.bottom;
      })
      .map((a) => a.textContent)`);
    expect(outside).toEqual([]);
    // A field's label keeps its words whole: "Your message" was drawn as "Your mes / sage".
    expect(await brokenLabelWords(page)).toEqual([]);
    const input = page.getByLabel('Your message');
    await input.fill('z'.repeat(2000));
    await input.press('Enter');
    await expect
      .poll(() => page.locator('.bubble.assistant').last().getAttribute('aria-busy'), { timeout: 120_000 })
      .toBe('false');
    expect(await sidewaysOverflow(page)).toBe(0);
    await shot('phone', page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it("lists the knowledge base on a phone with each intent's examples in view, not in a sideways-scrolling table", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.url}/#kb`);
    const rows = page.locator('[data-testid="intents"] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(10);
    // The three columns drew 447 px wide in a 352 px panel: the examples were off screen, each row 250 px tall.
    expect(await cutOffInPanels(page, '[data-testid="intents"]')).toEqual([]);
    expect(await rows.first().textContent()).toMatch(/greeting.*Greeting.*hello/s);
    await shot('kb-phone', page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('keeps the "Wrong" correction inside its bubble on a phone, the conversation with it', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(app.url);
    await page.getByLabel('Your message').fill('what exchange rate do you use');
    await page.getByLabel('Your message').press('Enter');
    await page.getByRole('button', { name: /the answer was wrong/ }).click({ timeout: 120_000 });
    await expect.poll(() => page.getByLabel('What were you asking about?').count()).toBe(1);
    // The intents' select was 330 px wide: it pushed the whole conversation past the panel's right edge.
    expect(await outsideTheirPanels(page)).toEqual([]);
    expect(await cutOffInPanels(page, '.bubble, select')).toEqual([]);
    const inBubble = `(() => { const s = document.querySelector('.bubble select');
      return s.getBoundingClientRect().right <= s.closest('.bubble').getBoundingClientRect().right; })()`;
    expect(await page.evaluate(inBubble)).toBe(true);
    await shot('correction-phone', page);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('offers "Talk to a person" only while no person has the conversation, and again once it is resolved', async () => {
    const page = await browser.newPage();
    await page.goto(app.url);
    const talk = page.getByRole('button', { name: 'Talk to a person' });
    await talk.click();
    await expect.poll(() => page.getByText('handed to a person').count(), { timeout: 120_000 }).toBe(1);
    await expect.poll(() => talk.count()).toBe(0);

    // An agent resolves the handoff: the assistant answers the customer's next message, who may ask again.
    const session = JSON.parse(
      (await page.evaluate<string | null>("sessionStorage.getItem('chatbot.session')"))!,
    ) as { id: string };
    const admin = (path: string, body?: unknown) =>
      fetch(`${app.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const queue = (await (await admin('/api/handoffs?status=unresolved&limit=100')).json()) as {
      handoffs: Array<{ id: number; sessionId: string }>;
    };
    const handoff = queue.handoffs.find((h) => h.sessionId === session.id)!;
    expect((await admin(`/api/handoffs/${handoff.id}/claim`, { agent: 'ann' })).status).toBe(200);
    expect((await admin(`/api/handoffs/${handoff.id}/resolve`, { agent: 'ann' })).status).toBe(200);
    const input = page.getByLabel('Your message');
    await input.fill('My new card still has not arrived');
    await input.press('Enter');
    await expect
      .poll(() => page.getByTestId('answer-meta').last().textContent(), { timeout: 60_000 })
      .toMatch(/intent New card has not arrived ·/);
    await expect.poll(() => talk.count()).toBe(1);
    expect(await page.getByText('A person will answer here').count()).toBe(0);
    expect(browser.errorsOf(page)).toEqual([]);
    await page.close();
  });

  it('gives a message the app refused back to the field to send again, not into the conversation', async () => {
    const page = await browser.newPage();
    await page.route('**/api/chat/stream', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/problem+json',
        body: JSON.stringify({ title: 'Service Unavailable', status: 503, detail: 'the database is down' }),
      }),
    );
    await page.goto(app.url);
    const input = page.getByLabel('Your message');
    await input.fill('My new card still has not arrived');
    await input.press('Enter');
    // The page's own sentence, and what the API said below it.
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toMatch(/^The service is unavailable for the moment: try again shortly\..*the database is down/);
    expect(await input.inputValue()).toBe('My new card still has not arrived');
    expect(await page.locator('.bubble.customer').count()).toBe(0);

    await page.unroute('**/api/chat/stream');
    await input.press('Enter');
    await expect
      .poll(() => page.getByTestId('answer-meta').last().textContent(), { timeout: 60_000 })
      .toMatch(/intent New card has not arrived ·/);
    expect(await page.locator('.bubble.customer').count()).toBe(1);
    expect(browser.errorsOf(page).filter((e) => !/status of 503 .*\/api\/chat\/stream/.test(e))).toEqual([]);
    await page.close();
  });
});
