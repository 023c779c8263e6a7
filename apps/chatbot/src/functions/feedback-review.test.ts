// Feedback over real HTTP on each engine: anonymous suggestions, the admin review queue, the per-conversation limit.
import { testEngines } from '@suite/shared/testing';
import { describe, expect, it } from 'vitest';
import { ADMIN, useChatbotHttpHost } from '../testing/http-host.ts';
import { TEST_CHATBOT_CONFIG } from '../testing/chatbot-kit.ts';

const app = useChatbotHttpHost('chatbot-feedback-http-');

const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe.each(testEngines())('feedback HTTP API on %s', (engine) => {
  app.serveOn(engine, { config: { ...TEST_CHATBOT_CONFIG, FEEDBACK_PER_CONVERSATION: 2 } });

  it('stores feedback as pending; only an admin lists, approves or rejects it', async () => {
    const { sessionId, sessionToken } = (await (
      await call('POST', 'chat', { message: 'I lost my card' })
    ).json()) as {
      sessionId: string;
      sessionToken: string;
    };
    const created = await call(
      'POST',
      'feedback',
      { sessionId, turn: 1, intent: 'lost_or_stolen_card' },
      { 'x-session-token': sessionToken },
    );
    expect(created.status).toBe(201);
    const { id, status } = (await created.json()) as { id: number; status: string };
    expect(status).toBe('pending');

    expect((await call('GET', 'feedback')).status).toBe(401);
    const queue = (await (await call('GET', 'feedback?status=pending', undefined, ADMIN)).json()) as {
      feedback: Array<{ id: number; message: string }>;
    };
    expect(queue.feedback).toContainEqual(expect.objectContaining({ id, message: 'I lost my card' }));
    expect((await call('GET', 'feedback?status=maybe', undefined, ADMIN)).status).toBe(400);

    expect((await call('POST', `feedback/${id}/approve`, {})).status).toBe(401);
    const approved = await call('POST', `feedback/${id}/approve`, { reviewer: 'ann' }, ADMIN);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({
      changed: true,
      feedback: { id, status: 'approved', reviewedBy: 'ann' },
    });
    const repeat = await call('POST', `feedback/${id}/approve`, undefined, ADMIN);
    expect(((await repeat.json()) as { changed: boolean }).changed).toBe(false);
    const flip = await call('POST', `feedback/${id}/reject`, {}, ADMIN);
    expect(flip.status).toBe(409);
    expect(flip.headers.get('content-type')).toContain('application/problem+json');
    expect((await call('POST', `feedback/${id}/maybe`, {}, ADMIN)).status).toBe(400);
    expect((await call('POST', 'feedback/999999/approve', {}, ADMIN)).status).toBe(404);
    expect((await call('POST', `feedback/${id}/approve`, { reviewer: ' ' }, ADMIN)).status).toBe(400);
  });

  it('answers 429 with problem+json past the per-conversation limit', async () => {
    const { sessionId, sessionToken } = (await (await call('POST', 'chat', { message: 'hello' })).json()) as {
      sessionId: string;
      sessionToken: string;
    };
    const token = { 'x-session-token': sessionToken };
    for (const message of ['where is my card', 'how do I top up'])
      await call('POST', 'chat', { sessionId, message }, token);
    const give = (turn: number, intent: string) =>
      call('POST', 'feedback', { sessionId, turn, intent }, token);
    expect((await give(1, 'greeting')).status).toBe(201);
    expect((await give(2, 'card_not_arrived')).status).toBe(201);
    const over = await give(3, 'top_up');
    expect(over.status).toBe(429);
    expect(over.headers.get('content-type')).toContain('application/problem+json');
  });
});
