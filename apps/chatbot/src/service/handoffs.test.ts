// Handoff lifecycle on a real database: open by the dialogue, claim, resolve, reopen, conflicts between agents.
import { ConflictError, NotFoundError } from '@suite/shared/errors';
import { testEngines } from '@suite/shared/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Chatbot } from './chatbot.ts';
import type { HandoffRow } from '../conversation/handoff-rules.ts';
import { createSessionBook, createTestChatbot } from '../testing/chatbot-kit.ts';
import { openHandoff } from '../store/handoff-repository.ts';
import { useServiceTestState } from '../testing/service-test-state.ts';

describe.each(testEngines())('handoff lifecycle on %s', (engine) => {
  const state = useServiceTestState('chatbot-handoffs', engine, { trained: true });
  let bot: Chatbot;

  beforeAll(async () => {
    bot = createTestChatbot(state.db, state.dir);
  });

  const session = createSessionBook(() => bot);
  const idOf = async (label: string) => (await session(label)).sessionId;
  const handOff = async (label: string) => {
    const r = await bot.chat({ ...(await session(label)), message: 'I want to talk to a human agent' });
    expect(r.handedOff).toBe(true);
    const open = await bot.handoffs('open', 500);
    const h = open.find((x) => x.sessionId === r.sessionId);
    expect(h).toBeDefined();
    return h as HandoffRow;
  };

  it('claims, resolves with a note, and gives the conversation back to the assistant', async () => {
    const h = await handOff('life-1');
    expect(h).toMatchObject({ status: 'open', reason: 'requested', claimedBy: null });

    const claimed = await bot.claimHandoff(h.id, 'ann');
    expect(claimed).toMatchObject({ changed: true, handoff: { status: 'claimed', claimedBy: 'ann' } });
    expect((await bot.claimHandoff(h.id, 'ann')).changed).toBe(false);
    expect((await bot.handoffs('claimed', 500)).map((x) => x.id)).toContain(h.id);
    expect((await bot.handoffs('open', 500)).map((x) => x.id)).not.toContain(h.id);

    // While handed off, the assistant only acknowledges.
    expect((await bot.chat({ ...(await session('life-1')), message: 'hello?' })).source).toBe('handoff');

    const resolved = await bot.resolveHandoff(h.id, 'ann', 'card reissued');
    expect(resolved).toMatchObject({
      changed: true,
      handoff: { status: 'resolved', resolvedBy: 'ann', resolutionNote: 'card reissued' },
    });
    const again = await bot.resolveHandoff(h.id, 'ann', 'a different note');
    expect(again).toMatchObject({ changed: false, handoff: { resolutionNote: 'card reissued' } });
    expect((await bot.handoffs('resolved', 500)).map((x) => x.id)).toContain(h.id);

    const conv = await bot.conversation(await idOf('life-1'), { admin: true });
    expect(conv.state).toMatchObject({ handedOff: false, handoffReason: null, lowConfidenceStreak: 0 });
    const next = await bot.chat({ ...(await session('life-1')), message: 'I lost my card' });
    expect(next).toMatchObject({ handedOff: false, intent: 'lost_or_stolen_card', source: 'template' });
  });

  it('answers 404 for an unknown handoff and 409 for another agent', async () => {
    await expect(bot.resolveHandoff(987_654, 'ann')).rejects.toBeInstanceOf(NotFoundError);
    await expect(bot.claimHandoff(987_654, 'ann')).rejects.toBeInstanceOf(NotFoundError);
    const h = await handOff('life-2');
    await bot.claimHandoff(h.id, 'ann');
    await expect(bot.claimHandoff(h.id, 'bob')).rejects.toBeInstanceOf(ConflictError);
    await expect(bot.resolveHandoff(h.id, 'bob')).rejects.toBeInstanceOf(ConflictError);
    await bot.resolveHandoff(h.id, 'ann');
    const late = bot.resolveHandoff(h.id, 'bob');
    await expect(late).rejects.toBeInstanceOf(ConflictError);
    await expect(late).rejects.toMatchObject({ status: 409, details: { resolvedBy: 'ann' } });
  });

  it('gives exactly one of two racing agents the resolution', async () => {
    const h = await handOff('life-3');
    const results = await Promise.allSettled([
      bot.resolveHandoff(h.id, 'ann'),
      bot.resolveHandoff(h.id, 'bob'),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(ConflictError);
  });

  it('opens a new handoff when a resolved session asks for a person again, keeping the history', async () => {
    const first = await handOff('life-4');
    await bot.resolveHandoff(first.id, 'ann');
    const second = await handOff('life-4');
    expect(second.id).not.toBe(first.id);
    const life4 = await idOf('life-4');
    const all = (await bot.handoffs('all', 500)).filter((x) => x.sessionId === life4);
    expect(all.map((x) => x.status).sort()).toEqual(['open', 'resolved']);
  });

  it('does not let a turn that was in flight during the resolution reopen the handoff', async () => {
    const h = await handOff('life-5');
    await bot.resolveHandoff(h.id, 'ann');
    // The resolution recorded turn 1 of this session; a stale turn 1 write must not open a new handoff.
    const life5 = await idOf('life-5');
    await openHandoff(state.db, life5, 'requested', 1, 'stale');
    expect((await bot.handoffs('unresolved', 500)).filter((x) => x.sessionId === life5)).toEqual([]);
    await openHandoff(state.db, life5, 'requested', 2, 'new request');
    expect((await bot.handoffs('open', 500)).filter((x) => x.sessionId === life5)).toHaveLength(1);
  });
});
