// Offline answers on real database engines: a device assistant built from the edge bundle answers a conversation
// (follow-ups, out of scope, Chinese, Japanese it does not declare, a handoff) with exactly the server's replies.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConflictError } from '@suite/shared/errors';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import { createTestChatbot, TEST_CHATBOT_CONFIG } from '../testing/chatbot-kit.ts';
import type { Chatbot } from '../service/index.ts';
import { seedTrainedModels } from '../testing/trained-models.ts';
import { createDeviceAssistant } from './device-assistant.ts';

const CONVERSATION = [
  'My new card still has not arrived, where is it?',
  'and abroad?',
  '我的新卡还没有到',
  'カードがまだ届きません',
  'What is the weather on Mars tomorrow?',
  'Tell me a poem about quantum teapots',
  'I want to talk to a real person',
];

describe.each(testEngines())('offline answers on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let dir: string;
  let bot: Chatbot;
  beforeAll(async () => {
    db = await createTestDb(engine);
    dir = await mkdtemp(join(tmpdir(), 'chatbot-edge-'));
    await seedTrainedModels(dir, ['en', 'zh']);
    bot = createTestChatbot(db, dir, {
      config: { ...TEST_CHATBOT_CONFIG, DEMO_KNOWLEDGE_BASE: ['en', 'zh'] },
    });
  });
  afterAll(async () => {
    await db.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers every turn as the server does, up to and including a handoff', async () => {
    const bundle = await bot.edgeBundle();
    expect(bundle.knowledgeBase.languages).toEqual(['en', 'zh']);
    const device = createDeviceAssistant(bundle);
    let session: { sessionId: string; sessionToken?: string } | undefined;
    const sources = new Set<string>();
    const languages = new Set<string | null>();
    for (const message of CONVERSATION) {
      const server = await bot.chat({ ...session, message });
      session ??= { sessionId: server.sessionId, sessionToken: server.sessionToken as string };
      const { sessionId: _id, sessionToken: _token, ...expected } = server;
      expect(device.answer(message)).toEqual(expected);
      sources.add(server.source);
      languages.add(server.messageLanguage);
      // From here the server waits for an agent; the device, with none, answers again (the test below).
      if (server.handedOff) break;
    }
    // The script reaches the interesting rules: a follow-up, out of scope, and a handoff.
    expect([...sources].sort()).toEqual(['follow_up', 'handoff', 'out_of_scope', 'template']);
    // Japanese, which this base does not declare, is said to be so on the device as on the server.
    expect(languages).toContain('ja');
  });

  it('answers again after a handoff, as no person takes the conversation over on the device', async () => {
    const device = createDeviceAssistant(await bot.edgeBundle());
    const handoff = device.answer('I want to talk to a real person');
    expect(handoff).toMatchObject({ source: 'handoff', handedOff: true, handoffReason: 'requested' });
    const next = device.answer('My new card still has not arrived, where is it?');
    expect(next).toMatchObject({ intent: 'card_not_arrived', source: 'template', handedOff: false });
    expect(next.turn).toBe(handoff.turn + 1);
  });

  it('refuses a bundle while a sentence encoder embeds messages (the device has none)', async () => {
    // A real encoder needs a model folder; this one only has to exist for the bundle to be refused before use.
    const encoder: SentenceEncoder = {
      modelDir: join(dir, 'no-encoder-folder'),
      dim: 2,
      prompts: { query: '', passage: '' },
      embed: async (texts) => texts.map(() => Float32Array.of(1, 0)),
    };
    const withEncoder = createTestChatbot(db, join(dir, 'enc'), { encoder: async () => encoder });
    await expect(withEncoder.edgeBundle()).rejects.toThrow(ConflictError);
    await expect(withEncoder.edgeBundle()).rejects.toThrow(/sentence encoder/);
  });
});
