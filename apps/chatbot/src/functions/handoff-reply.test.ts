// POST /api/handoffs/{id}/reply over real HTTP on each engine: admin only, validated, stored once per replyId,
// and shown by GET /api/conversations/{id} to the customer's own token.
import { createTestDb, testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, useChatbotHttpHost } from '../testing/http-host.ts';
import { resetChatbot } from '../service/index.ts';
import { createTestChatbot } from '../testing/chatbot-kit.ts';

const app = useChatbotHttpHost('chatbot-reply-http-');

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe.each(testEngines())('agent replies over HTTP on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  beforeAll(async () => {
    db = await createTestDb(engine);
    resetChatbot(createTestChatbot(db, app.folder(engine)));
  });
  afterAll(() => db.dispose());

  it('stores the agent reply as a turn the customer reads, once per replyId, with 400/401/404/409 answers', async () => {
    const first = (await (await post('chat', { message: 'I need to speak to a person' })).json()) as {
      sessionId: string;
      sessionToken: string;
    };
    const { handoffs } = (await (
      await fetch(`${app.url}/api/handoffs?status=open`, { headers: ADMIN })
    ).json()) as {
      handoffs: Array<{ id: number; sessionId: string }>;
    };
    const id = handoffs.find((h) => h.sessionId === first.sessionId)!.id;
    const reply = { agent: 'ann', message: 'Your refund is on its way.', replyId: 'r1' };

    expect((await post(`handoffs/${id}/reply`, reply)).status).toBe(401);
    const blank = await post(`handoffs/${id}/reply`, { ...reply, message: '  ' }, ADMIN);
    expect(blank.status).toBe(400);
    expect(blank.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await blank.json())).toContain('message');
    expect((await post(`handoffs/${id}/reply`, { ...reply, replyId: 'no spaces' }, ADMIN)).status).toBe(400);
    expect((await post('handoffs/999999/reply', reply, ADMIN)).status).toBe(404);
    // Not claimed yet: the agent must hold the handoff.
    expect((await post(`handoffs/${id}/reply`, reply, ADMIN)).status).toBe(409);

    await post(`handoffs/${id}/claim`, { agent: 'ann' }, ADMIN);
    const sent = await post(`handoffs/${id}/reply`, reply, ADMIN);
    expect(sent.status).toBe(201);
    const again = await post(`handoffs/${id}/reply`, reply, ADMIN);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false, turn: { turn: 2, source: 'agent' } });
    expect((await post(`handoffs/${id}/reply`, { ...reply, agent: 'bob' }, ADMIN)).status).toBe(409);

    const conversation = await fetch(`${app.url}/api/conversations/${first.sessionId}`, {
      headers: { 'x-session-token': first.sessionToken },
    });
    const { turns } = (await conversation.json()) as { turns: Array<Record<string, unknown>> };
    expect(turns.filter((t) => t.source === 'agent')).toEqual([
      expect.objectContaining({ turn: 2, agent: 'ann', reply: 'Your refund is on its way.', handoffId: id }),
    ]);
  });
});
