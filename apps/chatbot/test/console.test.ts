// The chatbot console in Debian's Chromium against the real app: a streamed chat, feedback, handoff to an agent.
import { describe, expect, it } from 'vitest';
import demoEs from '../src/kb/demo-knowledge-base.es.json' with { type: 'json' };
import demoZh from '../src/kb/demo-knowledge-base.zh.json' with { type: 'json' };
import { ADMIN_KEY, useChatbotConsole } from './console-kit.ts';

const { app, browser, shot } = useChatbotConsole();

describe(`the chatbot console (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('streams an answer with its intent and confidence, takes feedback, and hands off to an agent', async () => {
    const { page } = browser;
    await page.goto(app.url);
    const input = page.getByLabel('Your message');
    await input.fill('My new card still has not arrived');
    // The first answer trains the classifier first: slow on a loaded machine.
    const streamed = page.waitForResponse((r) => r.url().endsWith('/api/chat/stream'), { timeout: 120_000 });
    await input.press('Enter');
    // The answer comes as server-sent events over the streaming endpoint.
    expect((await streamed).headers()['content-type']).toContain('text/event-stream');
    const firstMeta = page.getByTestId('answer-meta').first();
    await expect
      .poll(() => firstMeta.textContent(), { timeout: 60_000 })
      .toMatch(/intent New card has not arrived · confidence \d+%/);
    await expect.poll(() => page.locator('.bubble.assistant p').first().textContent()).toMatch(/\w{3,}/);

    // Thumbs up confirms the predicted intent as feedback.
    await page
      .getByRole('button', { name: /Thumbs up/ })
      .first()
      .click();
    await expect.poll(() => page.getByText('Thanks, your feedback was recorded.').count()).toBe(1);

    // The session is the server's: a second turn goes out with its token, the page keeps it for this tab.
    const session = await page.evaluate<string | null>("sessionStorage.getItem('chatbot.session')");
    expect(JSON.parse(session!)).toMatchObject({ id: expect.any(String), token: expect.any(String) });

    // In a new conversation (no earlier topic to follow up on), a message it does not understand offers the
    // nearest topics as buttons; choosing one asks that question.
    await page.getByRole('button', { name: 'New conversation' }).click();
    await input.fill('blue purple elephant card');
    await input.press('Enter');
    const choices = page.getByRole('group', { name: 'Did you mean' });
    await expect.poll(() => choices.getByRole('button').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await choices.getByRole('button', { name: 'Lost or stolen card' }).click();
    await expect
      .poll(() => page.getByTestId('answer-meta').last().textContent(), { timeout: 60_000 })
      .toMatch(/intent Lost or stolen card ·/);

    await page.getByRole('button', { name: 'Talk to a person' }).click();
    await expect
      .poll(() => page.getByText('handed to a person').count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/A person will answer here/);
    await shot('customer');

    // The agent, in another tab: the admin key in the bar, a name, claim the handoff, read the conversation, resolve.
    const desk = await browser.newPage();
    await desk.goto(`${app.url}/#agent`);
    await desk.getByLabel('Admin key').fill(ADMIN_KEY);
    await desk.getByLabel('Your name').fill('ann');
    await desk.getByLabel('Your name').press('Enter');
    const queued = desk.getByRole('button', { name: /I would like to talk to a person/ });
    await expect.poll(() => queued.count(), { timeout: 30_000 }).toBe(1);
    await queued.click();
    await desk.getByRole('button', { name: 'Claim' }).click();
    await expect.poll(() => desk.getByText(/claimed by ann/).count(), { timeout: 30_000 }).toBe(1);
    const transcript = desk.getByRole('list', { name: 'Whole conversation' });
    await expect.poll(() => transcript.textContent()).toContain('blue purple elephant card');

    // The agent replies from the desk; the reply is a turn of the conversation and reaches the customer's open page.
    await desk.getByLabel('Reply to the customer').fill('Your card was posted yesterday.');
    await desk.getByRole('button', { name: 'Send reply' }).click();
    await expect
      .poll(() => transcript.locator('.bubble.agent').textContent(), { timeout: 30_000 })
      .toContain('Your card was posted yesterday.');
    await expect
      .poll(() => page.locator('.bubble.agent').textContent(), { timeout: 30_000 })
      .toContain('Your card was posted yesterday.');
    await shot('customer-reply');
    await shot('agent', desk);

    await desk.getByLabel('Resolution note').fill('card reissued');
    await desk.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => desk.getByText('Nobody is waiting.').count(), { timeout: 30_000 }).toBe(1);
    expect({ customer: browser.errorsOf(page), desk: browser.errorsOf(desk) }).toEqual({
      customer: [],
      desk: [],
    });
  }, 180_000);

  it('offers Chinese out of the box and answers a Chinese message, mixed with English or not, in Chinese', async () => {
    const zhAnswer = (id: string) => demoZh.intents.find((i) => i.id === id)!.answer;
    const page = await browser.newPage();
    await page.goto(app.url);
    // The default demo is English and Chinese: the empty chat says so and suggests a question in each.
    const tryAsking = page.getByRole('group', { name: 'Try asking' });
    await expect
      .poll(() => page.locator('.suggestions').textContent(), { timeout: 30_000 })
      .toContain('中文');
    await tryAsking.getByRole('button', { name: '新卡还没收到' }).click();
    const replies = page.locator('.bubble.assistant > p:first-child');
    await expect
      .poll(() => replies.last().textContent(), { timeout: 60_000 })
      .toBe(zhAnswer('card_not_arrived'));

    // Typed in a new conversation (nothing to follow up on): Chinese, then Chinese with an English brand name. The
    // page speaks the language of its last answer ("新对话": New conversation), English again once it is empty.
    await page.getByRole('button', { name: '新对话' }).click();
    const input = page.getByLabel('Your message');
    await input.fill('我的新卡还没有到');
    await input.press('Enter');
    await expect
      .poll(() => replies.last().textContent(), { timeout: 60_000 })
      .toBe(zhAnswer('card_not_arrived'));
    await expect.poll(() => page.getByTestId('answer-meta').last().textContent()).toMatch(/新卡还没收到/);
    await page.getByRole('button', { name: '新对话' }).click();
    await input.fill('我的visa卡被锁了');
    await input.press('Enter');
    await expect
      .poll(() => replies.last().textContent(), { timeout: 60_000 })
      .toBe(zhAnswer('lost_or_stolen_card'));
    await shot('chinese', page);

    // The knowledge-base view lists the Chinese titles and examples beside the English ones.
    await page.goto(`${app.url}/#kb`);
    await expect
      .poll(() => page.getByTestId('kb-languages').textContent(), { timeout: 30_000 })
      .toContain('中文 (zh)');
    const row = page.getByRole('row', { name: /^card_not_arrived/ });
    await expect.poll(() => row.textContent()).toContain('新卡还没收到');
    await expect.poll(() => row.textContent()).toContain('新卡还没寄到');
    expect(browser.errorsOf(page)).toEqual([]);
  }, 180_000);

  it('offers Spanish out of the box and answers a Spanish message, with accents or without, in Spanish', async () => {
    const esAnswer = (id: string) => demoEs.intents.find((i) => i.id === id)!.answer;
    const page = await browser.newPage();
    await page.goto(app.url);
    // The default demo is English, Chinese and Spanish: the empty chat names all three and suggests in each.
    const tryAsking = page.getByRole('group', { name: 'Try asking' });
    await expect
      .poll(() => page.locator('.suggestions').textContent(), { timeout: 30_000 })
      .toContain('English, 中文, or español');
    await tryAsking.getByRole('button', { name: 'La tarjeta nueva no ha llegado' }).click();
    const replies = page.locator('.bubble.assistant > p:first-child');
    await expect
      .poll(() => replies.last().textContent(), { timeout: 60_000 })
      .toBe(esAnswer('card_not_arrived'));

    // Typed in a new conversation: the issue's own example, then one typed without accents or ¿.
    const input = page.getByLabel('Your message');
    for (const [message, intent, title] of [
      ['¿Dónde está mi tarjeta?', 'card_not_arrived', 'La tarjeta nueva no ha llegado'],
      ['perdi mi tarjeta, que hago', 'lost_or_stolen_card', 'Tarjeta perdida o robada'],
    ] as const) {
      await page.getByRole('button', { name: 'Nueva conversación' }).click();
      await input.fill(message);
      await input.press('Enter');
      await expect.poll(() => replies.last().textContent(), { timeout: 60_000 }).toBe(esAnswer(intent));
      await expect.poll(() => page.getByTestId('answer-meta').last().textContent()).toContain(title);
    }
    await shot('spanish', page);

    // The knowledge-base view lists the Spanish titles and examples beside the English and Chinese ones.
    await page.goto(`${app.url}/#kb`);
    await expect
      .poll(() => page.getByTestId('kb-languages').textContent(), { timeout: 30_000 })
      .toContain('español (es)');
    const row = page.getByRole('row', { name: /^card_not_arrived/ });
    await expect.poll(() => row.textContent()).toContain('La tarjeta nueva no ha llegado');
    await expect.poll(() => row.textContent()).toContain('mi tarjeta nueva no ha llegado');
    await shot('kb-spanish', page);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 180_000);

  it('lists the knowledge base and retrains it from the page', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#kb`);
    const intents = page.getByTestId('intents');
    await expect.poll(() => intents.textContent(), { timeout: 30_000 }).toContain('card_not_arrived');
    await page.getByLabel('Admin key').fill(ADMIN_KEY);

    // A customer's feedback waits as a suggestion; the admin approves it here, so the next retraining learns it.
    const chat = (await (
      await fetch(`${app.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: '卡片寄丢了吗' }),
      })
    ).json()) as { sessionId: string; sessionToken: string; turn: number };
    const left = await fetch(`${app.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-session-token': chat.sessionToken },
      body: JSON.stringify({ sessionId: chat.sessionId, turn: chat.turn, intent: 'card_not_arrived' }),
    });
    expect(left.status).toBe(201);
    const { id } = (await left.json()) as { id: number };
    await page.getByRole('button', { name: 'Show pending feedback' }).click();
    const suggestion = page.getByTestId('pending-feedback').getByRole('row', { name: /卡片寄丢了吗/ });
    await expect.poll(() => suggestion.textContent(), { timeout: 30_000 }).toContain('card_not_arrived');
    await suggestion.getByRole('button', { name: 'Approve' }).click();
    await expect
      .poll(() => page.getByTestId('feedback-status').textContent(), { timeout: 30_000 })
      .toBe(`Approved #${id} (New card has not arrived): it joins the next retraining.`);
    const approved = (await (
      await fetch(`${app.url}/api/feedback?status=approved`, { headers: { 'x-admin-key': ADMIN_KEY } })
    ).json()) as { feedback: Array<{ id: number; reviewedBy: string }> };
    expect(approved.feedback.map((f) => f.id)).toContain(id);
    // The page follows the training job on its event stream, not by polling GET /api/jobs/{id}.
    const jobCalls: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/jobs\//.test(r.url())) jobCalls.push(new URL(r.url()).pathname);
    });
    await page.getByRole('button', { name: 'Retrain', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('train-status').textContent(), { timeout: 90_000 })
      .toMatch(/^Retrained: model \S+ trained on [\d,]+ utterances/);
    expect(jobCalls).toEqual([expect.stringMatching(/^\/api\/jobs\/[0-9a-f-]{36}\/events$/)]);

    // A stream cut off before the job ends (a proxy closing it) falls back to polling the job.
    await page.route('**/api/jobs/*/events', (route) =>
      route.fulfill({ status: 200, contentType: 'text/event-stream', body: '' }),
    );
    jobCalls.length = 0;
    const first = await page.getByTestId('train-status').textContent();
    await page.getByRole('button', { name: 'Retrain', exact: true }).click();
    await expect
      .poll(
        async () => {
          const now = await page.getByTestId('train-status').textContent();
          return now !== first && /^Retrained: model \S+ trained on [\d,]+ utterances/.test(now ?? '');
        },
        { timeout: 90_000 },
      )
      .toBe(true);
    expect(jobCalls.some((path) => /^\/api\/jobs\/[0-9a-f-]{36}$/.test(path))).toBe(true);
    await page.unroute('**/api/jobs/*/events');
    await shot('kb', page);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);
});
