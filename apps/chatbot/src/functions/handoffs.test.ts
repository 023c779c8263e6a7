// Handoffs over real HTTP on each engine: listed after a request for a person; claimed and resolved by an agent;
// POST /api/handoffs/{id}/reply admin only, validated, stored once per replyId, and shown by
// GET /api/conversations/{id} to the customer's own token.
import { testEngines } from '@suite/shared/testing';
import { describe, expect, it } from 'vitest';
import { ADMIN, TEST_ADMIN_KEY, useChatbotHttpHost } from '../testing/http-host.ts';

const app = useChatbotHttpHost('chatbot-reply-http-');

const { post, startConversation: start } = app;
const ADMIN_KEY = TEST_ADMIN_KEY;

describe.each(testEngines())('agent replies over HTTP on %s', (engine) => {
  app.serveOn(engine);

  it('lists handoffs after a request for a person', async () => {
    const { sessionId } = await start('let me talk to a human agent');
    const res = await fetch(`${app.url}/api/handoffs?status=open`, { headers: ADMIN });
    const { handoffs } = (await res.json()) as { handoffs: Array<{ sessionId: string; reason: string }> };
    expect(handoffs).toContainEqual(expect.objectContaining({ sessionId, reason: 'requested' }));
  });

  it('lets an agent claim and resolve a handoff over HTTP, with 401/400/404/409 answers', async () => {
    const { sessionId } = await start('I need to speak to a person');
    const open = (await (await fetch(`${app.url}/api/handoffs?status=open`, { headers: ADMIN })).json()) as {
      handoffs: Array<{ id: number; sessionId: string }>;
    };
    const id = open.handoffs.find((h) => h.sessionId === sessionId)?.id;
    expect(id).toBeGreaterThan(0);
    const admin = { 'x-admin-key': ADMIN_KEY };
    expect((await post(`handoffs/${id}/claim`, { agent: 'ann' })).status).toBe(401);
    const blank = await post(`handoffs/${id}/claim`, { agent: ' ' }, admin);
    expect(blank.status).toBe(400);
    expect(JSON.stringify(await blank.json())).toContain('agent');
    expect((await post('handoffs/abc/resolve', { agent: 'ann' }, admin)).status).toBe(400);
    expect((await post('handoffs/999999/resolve', { agent: 'ann' }, admin)).status).toBe(404);
    const claimed = await post(`handoffs/${id}/claim`, { agent: 'ann' }, admin);
    expect(claimed.status).toBe(200);
    expect(await claimed.json()).toMatchObject({
      changed: true,
      handoff: { id, status: 'claimed', claimedBy: 'ann' },
    });
    const resolved = await post(`handoffs/${id}/resolve`, { agent: 'ann', note: 'refund sent' }, admin);
    expect(await resolved.json()).toMatchObject({
      changed: true,
      handoff: { status: 'resolved', resolvedBy: 'ann' },
    });
    const repeat = await post(`handoffs/${id}/resolve`, { agent: 'ann', note: 'refund sent' }, admin);
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as { changed: boolean }).changed).toBe(false);
    const other = await post(`handoffs/${id}/resolve`, { agent: 'bob' }, admin);
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    const list = (await (
      await fetch(`${app.url}/api/handoffs?status=resolved`, { headers: ADMIN })
    ).json()) as {
      handoffs: Array<{ id: number }>;
    };
    expect(list.handoffs.map((h) => h.id)).toContain(id);
    expect((await fetch(`${app.url}/api/handoffs?status=bogus`, { headers: ADMIN })).status).toBe(400);
  });

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
