import { createHash } from 'node:crypto';
import { NotFoundError, UnauthorizedError, ValidationError } from '@suite/shared/errors';
import { createFsModelStore } from '@suite/shared/models';
import { createStateStore } from '@suite/shared/state';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmAnswerer } from '../llm/llm-answerer.ts';
import { startFakeChatServer, type FakeChatServer } from '../testing/fake-chat-server.ts';
import { INTENT_MODEL } from './assistant.ts';
import type { Chatbot, ChatbotDeps } from './chatbot.ts';
import type { ChatStreamEvent } from './stream-turn.ts';
import { createSessionBook, createTestChatbot } from '../testing/chatbot-kit.ts';
import { CORNER_SHOP_KB } from '../testing/corner-shop-kb.ts';
import { useServiceTestState } from '../testing/service-test-state.ts';

describe.each(testEngines())('chatbot on %s', (engine) => {
  const state = useServiceTestState('chatbot-models', engine);
  let server: FakeChatServer;
  let bot: Chatbot;
  const make = (overrides: Partial<ChatbotDeps> = {}) => createTestChatbot(state.db, state.dir, overrides);
  const session = createSessionBook(() => bot);
  // A conversation read with its own session token.
  const read = async (reader: Chatbot, label: string) => {
    const s = await session(label);
    return reader.conversation(s.sessionId, s);
  };

  beforeAll(async () => {
    server = await startFakeChatServer();
    bot = make();
  });
  afterAll(async () => {
    await server.close();
  });

  it('trains and publishes a classifier on first use, then answers from the knowledge base', async () => {
    const r = await bot.chat({ message: 'My new card still has not arrived, where is it?' });
    expect(r.intent).toBe('card_not_arrived');
    expect(r.source).toBe('template');
    expect(r.turn).toBe(1);
    expect(r.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.kbEntries[0]!.id).toBe('card_not_arrived');
    expect(r.handedOff).toBe(false);
    expect(await createFsModelStore(state.dir).latest(INTENT_MODEL)).toMatchObject({
      version: r.modelVersion,
    });
  });

  it('issues an unguessable session with a token, and only that token continues, reads or labels it', async () => {
    const first = await bot.chat({ message: 'my card number is 4111 1111 1111 1111, where is my card?' });
    expect(first.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.sessionToken).toMatch(/^[\w-]{43}$/);
    const { sessionId, sessionToken } = first as { sessionId: string; sessionToken: string };
    const other = await bot.startSession();
    for (const token of [undefined, '', 'guess', other.sessionToken]) {
      await expect(bot.chat({ sessionId, sessionToken: token, message: 'hi' })).rejects.toBeInstanceOf(
        UnauthorizedError,
      );
      await expect(bot.conversation(sessionId, { sessionToken: token })).rejects.toBeInstanceOf(
        UnauthorizedError,
      );
      await expect(
        bot.feedback({ sessionId, turn: 1, intent: 'card_not_arrived' }, { sessionToken: token }),
      ).rejects.toBeInstanceOf(UnauthorizedError);
    }
    // A client cannot pick an id: one the server never issued is refused, token or not.
    await expect(
      bot.chat({ sessionId: 'alice', sessionToken: sessionToken, message: 'hi' }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const next = await bot.chat({ sessionId, sessionToken, message: 'and when will it arrive?' });
    expect(next).toMatchObject({ sessionId, turn: 2 });
    expect(next).not.toHaveProperty('sessionToken');
    expect((await bot.conversation(sessionId, { sessionToken })).turns).toHaveLength(2);
    // An agent reads any conversation without the token.
    expect((await bot.conversation(sessionId, { admin: true })).turns).toHaveLength(2);
    // The database holds the token's hash, never the token.
    const { rows } = await state.db.query<{ token_hash: Uint8Array }>(
      'SELECT token_hash FROM chat_sessions WHERE session_id = $1',
      [sessionId],
    );
    expect(Buffer.from(rows[0]!.token_hash).toString('hex')).toBe(
      createHash('sha256').update(sessionToken).digest('hex'),
    );
    const dump = await state.db.query('SELECT * FROM chat_sessions');
    expect(JSON.stringify(dump.rows)).not.toContain(sessionToken);
  });

  it('resolves a follow-up question against the previous intent', async () => {
    const first = await bot.chat({
      ...(await session('follow-up-1')),
      message: 'how long does card delivery take?',
    });
    expect(first.intent).toBe('card_not_arrived');
    const second = await bot.chat({ ...(await session('follow-up-1')), message: 'and what about express?' });
    expect(second.source).toBe('follow_up');
    expect(second.followUpOf).toBe('card_not_arrived');
    expect(second.reply).toMatch(/3 working days/);
    expect(second.turn).toBe(2);
  });

  it('hands off after two low-confidence turns and lists the handoff', async () => {
    const a = await bot.chat({ ...(await session('lost-1')), message: 'purple elephants juggling' });
    expect(a.outOfScope).toBe(true);
    expect(a.handedOff).toBe(false);
    const b = await bot.chat({ ...(await session('lost-1')), message: 'quantum marmalade' });
    expect(b.handedOff).toBe(true);
    expect(b.handoffReason).toBe('low_confidence');
    const open = await bot.handoffs('open', 50);
    expect(open.find((h) => h.sessionId === b.sessionId)).toMatchObject({
      reason: 'low_confidence',
      turn: 2,
    });
  });

  it('hands off at once when the user asks for a person', async () => {
    const r = await bot.chat({
      ...(await session('human-1')),
      message: 'I want to speak to a real person please',
    });
    expect(r).toMatchObject({ handedOff: true, handoffReason: 'requested', intent: 'human_agent' });
    const later = await bot.chat({ ...(await session('human-1')), message: 'hello?' });
    expect(later.source).toBe('handoff');
  });

  it('loses no turn when requests on one session race', async () => {
    const messages = [
      'hi',
      'lost my card',
      'exchange rate?',
      'top up failed',
      'refund missing',
      'close my account',
    ];
    const race = await session('race-1');
    const replies = await Promise.all(messages.map((message) => bot.chat({ ...race, message })));
    expect(replies.map((r) => r.turn).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const conversation = await read(bot, 'race-1');
    expect(conversation.turns.map((t) => t.turn)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(conversation.state?.turnCount).toBe(6);
    expect(new Set(conversation.turns.map((t) => t.message))).toEqual(new Set(messages));
  });

  it('continues the turn numbering of a session whose state expired', async () => {
    await bot.chat({ ...(await session('expired-1')), message: 'hello' });
    // Expiry is the state store's business; deleting the entry is what an expired one reads as.
    await createStateStore(state.db, 'chatbot-session').delete((await session('expired-1')).sessionId);
    const r = await bot.chat({ ...(await session('expired-1')), message: 'where is my card?' });
    expect(r.turn).toBe(2);
    expect((await read(bot, 'expired-1')).turns.map((t) => t.turn)).toEqual([1, 2]);
  });

  it('returns a conversation with its turns, and 404 for an unknown one', async () => {
    const c = await read(bot, 'follow-up-1');
    expect(c.turns.map((t) => t.source)).toEqual(['template', 'follow_up']);
    await expect(bot.conversation('nobody', { admin: true })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers through the LLM when configured, grounded on the entries, and falls back when it fails', async () => {
    const llm = createLlmAnswerer({ apiKey: 'k', baseURL: server.baseURL, model: 'test', timeoutMs: 30_000 });
    const withLlm = make({ llm });
    server.behave({ answer: 'Cards arrive within 5 working days.' });
    const ok = await withLlm.chat({ ...(await session('llm-1')), message: 'where is my card?' });
    expect(ok).toMatchObject({ source: 'llm', reply: 'Cards arrive within 5 working days.' });
    expect(server.requests.at(-1)!.messages[0]!.content).toContain('[card_not_arrived]');
    server.behave({ status: 503 });
    const fallback = await withLlm.chat({ ...(await session('llm-1')), message: 'my card was stolen' });
    expect(fallback.source).toBe('template');
    expect(fallback.reply).toMatch(/Freeze the card/);
  });

  it('streams meta, deltas and the recorded reply; a broken stream resets to the template', async () => {
    const llm = createLlmAnswerer({ apiKey: 'k', baseURL: server.baseURL, model: 'test', timeoutMs: 30_000 });
    const withLlm = make({ llm });
    server.behave({ chunks: ['Top ', 'up ', 'in the app.'] });
    const events: ChatStreamEvent[] = [];
    for await (const e of withLlm.chatStream({ ...(await session('stream-1')), message: 'how do I top up?' }))
      events.push(e);
    expect(events.map((e) => e.type)).toEqual(['meta', 'delta', 'delta', 'delta', 'done']);
    expect(events[0]).not.toHaveProperty('sessionToken');
    const started: ChatStreamEvent[] = [];
    for await (const e of withLlm.chatStream({ message: 'how do I top up?' })) started.push(e);
    const meta = started[0] as Extract<ChatStreamEvent, { type: 'meta' }>;
    expect(meta.sessionToken).toMatch(/^[\w-]{43}$/);
    expect((started.at(-1) as Extract<ChatStreamEvent, { type: 'done' }>).reply.sessionToken).toBe(
      meta.sessionToken,
    );
    const done = events.at(-1) as Extract<ChatStreamEvent, { type: 'done' }>;
    expect(done.reply).toMatchObject({
      reply: 'Top up in the app.',
      source: 'llm',
      intent: 'top_up',
      turn: 1,
    });
    server.behave({ status: 500 });
    const fallback: ChatStreamEvent[] = [];
    for await (const e of withLlm.chatStream({ ...(await session('stream-1')), message: 'how do I top up?' }))
      fallback.push(e);
    expect((fallback.at(-1) as Extract<ChatStreamEvent, { type: 'done' }>).reply.source).toBe('template');
  });

  it('records a streamed turn when the client goes away mid-stream, and when the LLM hangs past its timeout', async () => {
    const llm = createLlmAnswerer({ apiKey: 'k', baseURL: server.baseURL, model: 'test', timeoutMs: 300 });
    const withLlm = make({ llm });
    server.behave({ chunks: ['Top ', 'up ', 'in the app.'] });
    for await (const e of withLlm.chatStream({ ...(await session('gone-1')), message: 'how do I top up?' })) {
      if (e.type === 'delta') break; // the client disconnected after the first words
    }
    const gone = await read(withLlm, 'gone-1');
    expect(gone.turns).toHaveLength(1);
    expect(gone.turns[0]).toMatchObject({ intent: 'top_up', source: 'template' });
    expect(gone.state?.turnCount).toBe(1);

    server.behave({ answer: 'too late', delayMs: 1500 });
    const events: ChatStreamEvent[] = [];
    for await (const e of withLlm.chatStream({ ...(await session('hang-1')), message: 'how do I top up?' }))
      events.push(e);
    const done = events.at(-1) as Extract<ChatStreamEvent, { type: 'done' }>;
    expect(done.reply).toMatchObject({ source: 'template', turn: 1 });
    expect((await read(withLlm, 'hang-1')).turns).toHaveLength(1);
    server.behave({ answer: 'Hello from the model.' });
  });

  it('retrains on a replaced knowledge base', async () => {
    const result = await bot.assistants.replaceKnowledgeBase(CORNER_SHOP_KB);
    expect(result.info.intents).toBe(2);
    const r = await bot.chat({ message: 'are you open on sundays?' });
    expect(r).toMatchObject({ intent: 'opening_hours', reply: 'Open 8-20 daily.' });
    await expect(bot.assistants.replaceKnowledgeBase({ name: 'x', intents: [] })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
