import { join } from 'node:path';
import { ConflictError, NotFoundError, SuiteError, ValidationError } from '@suite/shared/errors';
import { SUITE_METRICS } from '@suite/shared/telemetry';
import { captureMetrics, testEngines } from '@suite/shared/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestChatbot, TEST_CHATBOT_CONFIG } from '../testing/chatbot-kit.ts';
import type { Chatbot } from './chatbot.ts';
import { useServiceTestState } from '../testing/service-test-state.ts';
import { seedTrainedModels } from '../testing/trained-models.ts';

// A message the demo knowledge base does not cover; feedback says it means a change of personal details.
const TEXT = 'my partner needs the thing for the flat';
const RIGHT = 'change_personal_details';

describe.each(testEngines())('feedback on %s', (engine) => {
  const state = useServiceTestState('chatbot-feedback', engine);
  let bot: Chatbot;
  const newSession = () => bot.startSession();

  beforeAll(async () => {
    await seedTrainedModels(join(state.dir, 'shared'));
    bot = createTestChatbot(state.db, join(state.dir, 'shared'), {
      config: { ...TEST_CHATBOT_CONFIG, FEEDBACK_PER_CONVERSATION: 3 },
    });
  });

  it('emits a classification latency per turn and a feedback count per stored feedback (not per repeat)', async () => {
    const capture = captureMetrics();
    try {
      const { sessionId, sessionToken } = await newSession();
      const turn = await bot.chat({ sessionId, sessionToken, message: TEXT });
      const input = { sessionId, turn: turn.turn, intent: RIGHT };
      await bot.feedback(input, { sessionToken });
      await bot.feedback(input, { sessionToken }); // a client retry: stored once, counted once
      expect(await capture.points(SUITE_METRICS.feedbackReceived)).toEqual([
        { attributes: { app: 'chatbot', kind: 'intent' }, value: 1 },
      ]);
      const [classify] = await capture.points(SUITE_METRICS.predictionDuration);
      expect(classify?.attributes).toEqual({ app: 'chatbot', operation: 'decide' });
      expect(classify?.histogram?.count).toBe(1);
    } finally {
      await capture.stop();
    }
  });

  it('records feedback as a pending suggestion and leaves the served classifier as it was', async () => {
    const { sessionId, sessionToken } = await newSession();
    const before = await bot.chat({ sessionId, sessionToken, message: TEXT });
    expect(before.intent).not.toBe(RIGHT);
    const fb = await bot.feedback({ sessionId, turn: before.turn, intent: RIGHT }, { sessionToken });
    expect(fb).toMatchObject({ created: true, status: 'pending', message: TEXT, intent: RIGHT });
    expect(fb).not.toHaveProperty('applied');
    // Another client asking the same thing gets the same answer: an anonymous label changes nothing for others.
    const after = await bot.chat({ message: TEXT });
    expect(after.intent).toBe(before.intent);
    expect(after.confidence).toBeCloseTo(before.confidence, 6);
  });

  it('refuses feedback on an unknown turn (404) or naming an unknown intent (400)', async () => {
    const { sessionId, sessionToken } = await newSession();
    await bot.chat({ sessionId, sessionToken, message: 'hello' });
    await expect(
      bot.feedback({ sessionId, turn: 99, intent: 'refund' }, { sessionToken }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      bot.feedback({ sessionId, turn: 1, intent: 'nope' }, { sessionToken }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('limits the feedback one conversation can leave; a repeat for a turn already labelled still answers', async () => {
    const { sessionId, sessionToken } = await newSession();
    for (let turn = 1; turn <= 4; turn++)
      await bot.chat({ sessionId, sessionToken, message: `where is my card ${turn}` });
    for (let turn = 1; turn <= 3; turn++)
      expect(
        (await bot.feedback({ sessionId, turn, intent: 'card_not_arrived' }, { sessionToken })).created,
      ).toBe(true);
    const over = await bot
      .feedback({ sessionId, turn: 4, intent: 'card_not_arrived' }, { sessionToken })
      .catch((e) => e);
    expect(over).toBeInstanceOf(SuiteError);
    expect((over as SuiteError).status).toBe(429);
    expect(
      (await bot.feedback({ sessionId, turn: 2, intent: 'card_not_arrived' }, { sessionToken })).created,
    ).toBe(false);
  });

  it('stores one feedback when two arrive for one turn at once, and the database refuses a second row', async () => {
    const { sessionId, sessionToken } = await newSession();
    await bot.chat({ sessionId, sessionToken, message: 'I lost my card' });
    const results = await Promise.allSettled([
      bot.feedback({ sessionId, turn: 1, intent: 'lost_or_stolen_card' }, { sessionToken }),
      bot.feedback({ sessionId, turn: 1, intent: 'card_declined' }, { sessionToken }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    const { rows } = await state.db.query<{ n: string | number }>(
      'SELECT count(*) AS n FROM chat_feedback WHERE session_id = $1',
      [sessionId],
    );
    expect(Number(rows[0]!.n)).toBe(1);
    // The rule lives in the schema (a unique index), not only in the code that checks first.
    await expect(
      state.db.query(
        `INSERT INTO chat_feedback (session_id, turn, message, intent) VALUES ($1, 1, 'again', 'refund')`,
        [sessionId],
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });

  it('lets an admin approve or reject; only approved feedback joins the next training run', async () => {
    // Served the demo's classifier at first: the trainings this test is about are the two below.
    await seedTrainedModels(join(state.dir, 'training'));
    const trainer = createTestChatbot(state.db, join(state.dir, 'training'));
    const approvedSession = await newSession();
    const t = await trainer.chat({ ...approvedSession, message: TEXT });
    const good = await trainer.feedback(
      { sessionId: approvedSession.sessionId, turn: t.turn, intent: RIGHT },
      approvedSession,
    );
    const badSession = await newSession();
    await trainer.chat({ ...badSession, message: 'how do I top up' });
    const bad = await trainer.feedback(
      { sessionId: badSession.sessionId, turn: 1, intent: 'close_account' },
      badSession,
    );

    const before = (await trainer.train()).info.feedbackExamples as number;
    expect(await trainer.reviewFeedback(good.id, 'approved', 'ann')).toMatchObject({
      changed: true,
      feedback: { id: good.id, status: 'approved', reviewedBy: 'ann' },
    });
    expect((await trainer.reviewFeedback(good.id, 'approved', 'ann')).changed).toBe(false);
    expect((await trainer.reviewFeedback(bad.id, 'rejected', 'ann')).feedback.status).toBe('rejected');
    await expect(trainer.reviewFeedback(bad.id, 'approved', 'bob')).rejects.toBeInstanceOf(ConflictError);
    await expect(trainer.reviewFeedback(987654, 'approved', 'bob')).rejects.toBeInstanceOf(NotFoundError);
    expect((await trainer.listFeedback('pending', 500)).map((f) => f.id)).not.toContain(good.id);

    const trained = await trainer.train();
    expect(trained.info.feedbackExamples).toBe(before + 1);
    expect((await trainer.chat({ message: TEXT })).intent).toBe(RIGHT);
    expect((await trainer.chat({ message: 'how do I top up' })).intent).toBe('top_up');
  });
});
