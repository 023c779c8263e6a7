import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSentenceEncoder } from '../embeddings/sentence-encoder.ts';
import { createTinyBertFolder } from '../testing/create-tiny-bert.ts';
import { INTENT_MODEL, KNOWLEDGE_BASE_MODEL } from './assistant.ts';
import { createTestChatbot } from '../testing/chatbot-kit.ts';
import { CORNER_SHOP_KB } from '../testing/corner-shop-kb.ts';

const shop = CORNER_SHOP_KB;

describe('assistant provider', () => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let dir: string;
  beforeAll(async () => {
    db = await createTestDb('pglite');
    dir = await mkdtemp(join(tmpdir(), 'chatbot-shared-store-'));
  });
  afterAll(async () => {
    await db.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves a knowledge base replaced on another instance with that instance's classifier, without retraining", async () => {
    const store = createFsModelStore(dir);
    const make = () => createTestChatbot(db, dir, { store, refreshIntervalMs: 0 });
    const a = make();
    const b = make();
    await a.chat({ message: 'where is my card' });
    await b.chat({ message: 'where is my card' });
    expect(await store.versions(INTENT_MODEL)).toHaveLength(1);

    await a.assistants.replaceKnowledgeBase(shop);
    // B notices the new knowledge base on a later request (refreshes run in the background).
    await expect
      .poll(async () => (await b.assistants.knowledgeBase()).source, { timeout: 60_000 })
      .toBe('api');
    const reply = await b.chat({ message: 'are you open on sunday?' });
    expect(reply).toMatchObject({ intent: 'opening_hours', reply: 'Open 8-20 daily.' });
    expect(await store.versions(INTENT_MODEL)).toHaveLength(2);
    expect(await store.versions(KNOWLEDGE_BASE_MODEL)).toHaveLength(1);
  });

  it('trains with sentence embeddings as extra features when an encoder is configured', async () => {
    const modelDir = await createTinyBertFolder(join(dir, 'encoders', 'tiny-bert'));
    const encoder = createSentenceEncoder(modelDir);
    const store = createFsModelStore(join(dir, 'with-encoder'));
    const bot = createTestChatbot(db, dir, { store, encoder: () => encoder });
    const reply = await bot.chat({ message: 'my card was stolen' });
    expect(reply.intent).toBe('lost_or_stolen_card');
    const manifest = await store.latest(INTENT_MODEL);
    expect(manifest?.metadata).toMatchObject({ embeddingDim: 8, embeddingModel: modelDir });
  });
});
