// End to end over real HTTP: the dev host serves the app's functions, on each database engine.
import { testEngines } from '@suite/shared/testing';
import { describe, expect, it } from 'vitest';
import { ADMIN, TEST_ADMIN_KEY as ADMIN_KEY, useChatbotHttpHost } from '../testing/http-host.ts';

const app = useChatbotHttpHost('chatbot-http-');

const { followJob, post, startConversation: start } = app;

describe.each(testEngines())('chatbot HTTP API on %s', (engine) => {
  app.serveOn(engine);

  it('POST /api/chat answers, and the conversation and feedback endpoints see the turn', async () => {
    const res = await post('chat', { message: 'I lost my card' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    const reply = (await res.json()) as {
      sessionId: string;
      intent: string;
      turn: number;
      kbEntries: unknown[];
      handedOff: boolean;
    };
    expect(reply).toMatchObject({ intent: 'lost_or_stolen_card', turn: 1, handedOff: false });
    const token = { 'x-session-token': (reply as unknown as { sessionToken: string }).sessionToken };
    const fb = await post(
      'feedback',
      { sessionId: reply.sessionId, turn: 1, intent: 'lost_or_stolen_card' },
      token,
    );
    expect(fb.status).toBe(201);
    const conv = await fetch(`${app.url}/api/conversations/${reply.sessionId}`, { headers: token });
    expect(((await conv.json()) as { turns: unknown[] }).turns).toHaveLength(1);
  });

  it('keeps a conversation to its own session token and the agents: nobody else reads, continues or labels it', async () => {
    const alice = await start('my card 4111 1111 1111 1111 was stolen');
    const mallory = await start('hello');
    const conversation = `${app.url}/api/conversations/${alice.sessionId}`;
    for (const headers of [{}, mallory.token, { 'x-session-token': 'guess' }]) {
      const read = await fetch(conversation, { headers });
      expect(read.status).toBe(401);
      const body = await read.text();
      expect(body).not.toContain('4111');
      const fb = await post('feedback', { sessionId: alice.sessionId, turn: 1, intent: 'top_up' }, headers);
      expect(fb.status).toBe(401);
      expect(await fb.text()).not.toContain('4111');
      expect((await post('chat', { sessionId: alice.sessionId, message: 'hi' }, headers)).status).toBe(401);
      const stream = await post('chat/stream', { sessionId: alice.sessionId, message: 'hi' }, headers);
      expect(stream.status).toBe(401);
    }
    // A session id the client makes up is refused, not created.
    expect((await post('chat', { sessionId: 'alice', message: 'hi' }, alice.token)).status).toBe(404);
    expect((await fetch(`${app.url}/api/conversations/alice`, { headers: alice.token })).status).toBe(404);
    const own = await fetch(conversation, { headers: alice.token });
    expect(own.status).toBe(200);
    expect(await own.text()).toContain('4111');
    const agent = await fetch(conversation, { headers: ADMIN });
    expect(((await agent.json()) as { turns: unknown[] }).turns).toHaveLength(1);
    expect((await fetch(conversation, { headers: { 'x-admin-key': 'wrong' } })).status).toBe(401);
    const next = await post('chat', { sessionId: alice.sessionId, message: 'what now?' }, alice.token);
    expect(await next.json()).toMatchObject({ sessionId: alice.sessionId, turn: 2 });
  });

  it('rejects bad input with problem+json naming the field', async () => {
    const empty = await post('chat', { message: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await empty.json())).toContain('message');
    expect((await post('chat', '{"message": ')).status).toBe(400);
    expect((await post('chat', { message: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await post('chat', { message: 'hi', sessionId: 'bad id!' })).status).toBe(400);
    expect((await post('feedback', { sessionId: 's', turn: 0, intent: 'x' })).status).toBe(400);
    const nobody = { 'x-session-token': 'x' };
    expect((await post('feedback', { sessionId: 'nobody', turn: 1, intent: 'refund' }, nobody)).status).toBe(
      404,
    );
    expect((await fetch(`${app.url}/api/conversations/nobody-here`, { headers: ADMIN })).status).toBe(404);
    expect((await fetch(`${app.url}/api/handoffs?limit=0`, { headers: ADMIN })).status).toBe(400);
    expect((await fetch(`${app.url}/api/handoffs`)).status).toBe(401);
  });

  it('refuses text Postgres cannot store (NUL, unpaired surrogates) and out-of-range turns with a 400, not a 500', async () => {
    for (const message of ['lost card\u0000now', 'lost \ud800 card']) {
      const res = await post('chat', { message });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.stringify(await res.json())).toContain('message');
      expect((await post('chat/stream', { message })).status).toBe(400);
    }
    const feedback = await post('feedback', { sessionId: 's', turn: 2 ** 31, intent: 'top_up' });
    expect(feedback.status).toBe(400);
    expect(JSON.stringify(await feedback.json())).toContain('turn');
    const agent = await post('handoffs/1/claim', { agent: 'a\u0000b' }, ADMIN);
    expect(agent.status).toBe(400);
    const kb = await fetch(`${app.url}/api/knowledge-base`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...ADMIN },
      body: JSON.stringify({
        name: 'x',
        intents: [
          { id: 'a', title: 'A', examples: ['alpha'], answer: 'bad\u0000answer' },
          { id: 'b', title: 'B', examples: ['beta'], answer: 'fine' },
        ],
      }),
    });
    expect(kb.status).toBe(400);
    expect(JSON.stringify(await kb.json())).toContain('intents.0.answer');
  });

  it('takes feedback once per turn: a repeat is idempotent, a different intent is a 409', async () => {
    const { sessionId, token } = await start('where is my new card');
    const first = await post('feedback', { sessionId, turn: 1, intent: 'card_not_arrived' }, token);
    expect(first.status).toBe(201);
    const { id } = (await first.json()) as { id: number };
    const repeat = await post('feedback', { sessionId, turn: 1, intent: 'card_not_arrived' }, token);
    expect(repeat.status).toBe(200);
    expect(await repeat.json()).toMatchObject({ id, created: false, status: 'pending' });
    const other = await post('feedback', { sessionId, turn: 1, intent: 'top_up' }, token);
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await other.json())).toContain('card_not_arrived');
  });

  it('streams a turn as server-sent events ending in the recorded reply', async () => {
    const res = await post('chat/stream', { message: 'how do I top up?' });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const text = await res.text();
    expect(text.match(/^event: (\w+)/gm)).toEqual(['event: meta', 'event: delta', 'event: done']);
    expect(text).toContain('"intent":"top_up"');
    // The stream that starts a session carries its token; the next streamed turn presents it.
    const meta = JSON.parse(/^data: (.*)$/m.exec(text)?.[1] ?? '{}') as {
      sessionId: string;
      sessionToken: string;
    };
    expect(meta.sessionToken).toMatch(/^[\w-]{43}$/);
    const next = await post(
      'chat/stream',
      { sessionId: meta.sessionId, message: 'and by card?' },
      { 'x-session-token': meta.sessionToken },
    );
    expect(next.status).toBe(200);
    expect(await next.text()).toContain('"turn":2');
  });

  it('guards training and knowledge-base replacement with the admin key', async () => {
    expect((await post('train', {})).status).toBe(401);
    const trained = await post('train', { augment: false }, { 'x-admin-key': ADMIN_KEY });
    expect(trained.status).toBe(202);
    const location = trained.headers.get('location') as string;
    expect(location).toMatch(/^\/api\/jobs\/[0-9a-f-]{36}$/);
    const job = await followJob(location);
    expect(job.state).toBe('succeeded');
    expect(job.result.model).toBe('chatbot-intents');
    const models = (await (await fetch(`${app.url}/api/models`)).json()) as {
      models: Array<{ name: string; served: string; versions: Array<{ version: string; served: boolean }> }>;
    };
    expect(models.models.map((m) => m.name)).toEqual(['chatbot-intents', 'chatbot-kb']);
    expect(models.models[0]?.served).toBe(job.result.version);
    expect(models.models[0]?.versions.find((v) => v.served)?.version).toBe(job.result.version);
    const pin = await fetch(`${app.url}/api/models/${job.result.version}/pin`, {
      method: 'POST',
      headers: ADMIN,
    });
    expect(pin.status).toBe(200);
    expect((await fetch(`${app.url}/api/models/${job.result.version}/pin`, { method: 'POST' })).status).toBe(
      401,
    );
    expect((await fetch(`${app.url}${location}/events`)).status).toBe(401);
    const events = await fetch(`${app.url}${location}/events`, { headers: ADMIN });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    expect(await events.text()).toContain(`"version":"${job.result.version}"`);
    expect((await post(`${location.slice('/api/'.length)}/cancel`, {}, ADMIN)).status).toBe(409);
    const bad = await fetch(`${app.url}/api/knowledge-base`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify({ name: 'x', intents: [] }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('intents');
    // A lookup table's bad entry is named (and the served knowledge base is left alone).
    const served = (await (await fetch(`${app.url}/api/knowledge-base`)).json()) as { kb: object };
    const badTable = await fetch(`${app.url}/api/knowledge-base`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
      body: JSON.stringify({ ...served.kb, lookupTables: { app: ['WeChat', '?!'] } }),
    });
    expect(badTable.status).toBe(400);
    expect(badTable.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(await badTable.json())).toContain('lookupTables.app.1');
    const kb = (await (await fetch(`${app.url}/api/knowledge-base`)).json()) as {
      source: string;
      kb: { intents: unknown[] };
    };
    expect(kb.source).toBe('demo');
    expect(kb.kb.intents.length).toBeGreaterThan(15);
  });
});
