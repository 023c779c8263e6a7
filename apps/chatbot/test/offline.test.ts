// The chatbot console's offline mode in Debian's Chromium against the real app: the page downloads the served
// classifier and knowledge base once, answers in the browser exactly as the server answers the same conversation
// (English, Chinese, a follow-up, out of scope), and sends no message anywhere.
import { describe, expect, it } from 'vitest';
import { customerLabels } from '../web/src/customer-labels.ts';
import { useChatbotConsole } from './console-kit.ts';

const CONVERSATION = [
  'My new card still has not arrived, where is it?',
  'and abroad?',
  '我的新卡还没有到',
  'What is the weather on Mars tomorrow?',
];

const { app, browser, shot } = useChatbotConsole({
  env: { DEMO_KNOWLEDGE_BASE: 'en,zh' },
});

async function chat(body: Record<string, unknown>, token?: string) {
  const res = await fetch(`${app.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-session-token': token } : {}) },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe(`the chatbot console's offline mode (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('answers on the device as the server does, with no message sent', async () => {
    const { page } = browser;
    const requests: Array<{ method: string; path: string; body: string | null }> = [];
    page.on('request', (r) =>
      requests.push({ method: r.method(), path: new URL(r.url()).pathname, body: r.postData() }),
    );
    await page.goto(`${app.url}/#offline`);
    await expect
      .poll(() => page.getByText(/KB classifier\) was downloaded once/).count(), { timeout: 60_000 })
      .toBe(1);
    const input = page.getByLabel('Your message (offline)');
    let session: { sessionId?: string; token?: string } = {};
    for (const [n, message] of CONVERSATION.entries()) {
      await input.fill(message);
      await input.press('Enter');
      const answer = page.locator('[data-testid=offline-log] .bubble.assistant').nth(n);
      await expect.poll(() => answer.count()).toBe(1);
      const server = await chat(
        session.sessionId ? { sessionId: session.sessionId, message } : { message },
        session.token,
      );
      session = {
        sessionId: server.sessionId as string,
        token: (server.sessionToken as string) ?? session.token,
      };
      expect(await answer.getAttribute('data-intent')).toBe(server.intent ?? '');
      // The same arithmetic in two engines (Chromium's and Node's V8) may differ in the last bit of a float (one
      // ulp, seen with the per-language temperatures of this en,zh demo): the same answer to 12 digits.
      expect(Number(await answer.getAttribute('data-confidence'))).toBeCloseTo(
        server.confidence as number,
        12,
      );
      expect(await answer.getAttribute('data-source')).toBe(server.source);
      expect(await answer.locator('p').first().textContent()).toBe(server.reply);
      // Its words are in the answer's language ("意图 … 置信度" under the Chinese one).
      const words = customerLabels(server.language as string);
      expect(await answer.locator('.meta').textContent()).toContain(
        server.intent ? words.confidence : words.notUnderstood,
      );
    }
    await shot('offline');
    // The page's only API call is the download; none carries a body.
    expect(requests.filter((r) => r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/edge/assistant',
    ]);
    expect(requests.filter((r) => r.body !== null)).toEqual([]);
    expect(browser.errorsOf(page)).toEqual([]);
  }, 120_000);
});
