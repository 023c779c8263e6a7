// Two-way handoff on a real database: the agent holding a handoff replies, the reply is a turn of the conversation.
import { ConflictError, NotFoundError } from '@suite/shared/errors';
import { testEngines } from '@suite/shared/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Chatbot } from './chatbot.ts';
import { createSessionBook, createTestChatbot } from '../testing/chatbot-kit.ts';
import { useServiceTestState } from '../testing/service-test-state.ts';

describe.each(testEngines())('agent replies on %s', (engine) => {
  const state = useServiceTestState('chatbot-replies', engine, { trained: true });
  let bot: Chatbot;

  beforeAll(async () => {
    bot = createTestChatbot(state.db, state.dir);
  });

  const session = createSessionBook(() => bot);
  const handOff = async (label: string) => {
    const r = await bot.chat({ ...(await session(label)), message: 'I want to talk to a human agent' });
    const h = (await bot.handoffs('open', 500)).find((x) => x.sessionId === r.sessionId);
    if (!h) throw new Error('no handoff opened');
    return h;
  };

  it('stores the reply as the next turn, which the conversation shows, and numbers later turns after it', async () => {
    const h = await handOff('reply-1');
    await bot.claimHandoff(h.id, 'ann');
    const sent = await bot.replyToHandoff(h.id, { agent: 'ann', message: 'Your card was posted yesterday.' });
    expect(sent).toMatchObject({
      created: true,
      turn: {
        turn: 2,
        source: 'agent',
        agent: 'ann',
        handoffId: h.id,
        reply: 'Your card was posted yesterday.',
      },
    });
    const next = await bot.chat({
      ...(await session('reply-1')),
      message: 'thanks, and when will it arrive?',
    });
    expect(next.turn).toBe(3);
    const conv = await bot.conversation(h.sessionId, await session('reply-1'));
    expect(conv.turns.map((t) => [t.turn, t.source])).toEqual([
      [1, 'handoff'],
      [2, 'agent'],
      [3, 'handoff'],
    ]);
    // An agent's reply is not the assistant's answer: it takes no intent feedback.
    await expect(
      bot.feedback({ sessionId: h.sessionId, turn: 2, intent: 'card_not_arrived' }, await session('reply-1')),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('stores a resent reply (same replyId) once and refuses the id for another text', async () => {
    const h = await handOff('reply-2');
    await bot.claimHandoff(h.id, 'ann');
    const input = { agent: 'ann', message: 'Checking now.', replyId: 'r-1' };
    const [a, b] = await Promise.all([bot.replyToHandoff(h.id, input), bot.replyToHandoff(h.id, input)]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.turn.turn).toBe(b.turn.turn);
    const again = await bot.replyToHandoff(h.id, input);
    expect(again).toMatchObject({ created: false, turn: { turn: a.turn.turn } });
    await expect(bot.replyToHandoff(h.id, { ...input, message: 'Other text' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const agentTurns = (await bot.conversation(h.sessionId, { admin: true })).turns.filter(
      (t) => t.source === 'agent',
    );
    expect(agentTurns).toHaveLength(1);
  });

  it('lets only the agent holding the handoff reply', async () => {
    await expect(bot.replyToHandoff(987_654, { agent: 'ann', message: 'hi' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    const h = await handOff('reply-3');
    await expect(bot.replyToHandoff(h.id, { agent: 'ann', message: 'hi' })).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/claim handoff/),
    });
    await bot.claimHandoff(h.id, 'ann');
    await expect(bot.replyToHandoff(h.id, { agent: 'bob', message: 'hi' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await bot.resolveHandoff(h.id, 'ann');
    await expect(
      bot.replyToHandoff(h.id, { agent: 'ann', message: 'one more thing' }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
