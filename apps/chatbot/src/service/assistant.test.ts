import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFsModelStore } from '@suite/shared/models';
import { describe, expect, it } from 'vitest';
import type { EmbeddingRole } from '../embeddings/encoder-prompts.ts';
import { createSentenceEncoder, type SentenceEncoder } from '../embeddings/sentence-encoder.ts';
import { createTinyBertFolder, TINY_BERT_WORDS } from '../testing/create-tiny-bert.ts';
import { INTENT_MODEL, KNOWLEDGE_BASE_MODEL } from './assistant.ts';
import { createTestChatbot } from '../testing/chatbot-kit.ts';
import { CORNER_SHOP_KB } from '../testing/corner-shop-kb.ts';
import { useServiceTestState } from '../testing/service-test-state.ts';

const shop = CORNER_SHOP_KB;

describe('assistant provider', () => {
  const state = useServiceTestState('chatbot-shared-store', 'pglite', { trained: true });

  it("serves a knowledge base replaced on another instance with that instance's classifier, without retraining", async () => {
    const store = createFsModelStore(state.dir);
    const make = () => createTestChatbot(state.db, state.dir, { store, refreshIntervalMs: 0 });
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
    const modelDir = await createTinyBertFolder(join(state.dir, 'encoders', 'tiny-bert'));
    const encoder = createSentenceEncoder(modelDir);
    const store = createFsModelStore(join(state.dir, 'with-encoder'));
    const bot = createTestChatbot(state.db, state.dir, { store, encoder: () => encoder });
    const reply = await bot.chat({ message: 'my card was stolen' });
    expect(reply.intent).toBe('lost_or_stolen_card');
    const manifest = await store.latest(INTENT_MODEL);
    expect(manifest?.metadata).toMatchObject({ embeddingDim: 8, embeddingModel: modelDir });
  });

  it("embeds messages and examples behind the folder's query prompt, entries behind its passage one, and retrains a model trained without them", async () => {
    const words = [...TINY_BERT_WORDS, 'query', 'passage', ':'];
    const modelDir = await createTinyBertFolder(join(state.dir, 'encoders', 'tiny-e5'), { words });
    const prompts = { query: 'query: ', passage: 'passage: ' };
    await writeFile(join(modelDir, 'config_sentence_transformers.json'), JSON.stringify({ prompts }));
    const store = createFsModelStore(join(state.dir, 'with-prompts'));
    // Served first: a model trained as before prompts were read (same folder, prompts off).
    const bare = createSentenceEncoder(modelDir, { prompts: { query: '', passage: '' } });
    await createTestChatbot(state.db, state.dir, { store, encoder: () => bare }).chat({ message: 'card' });
    expect((await store.latest(INTENT_MODEL))?.metadata).toMatchObject({ embeddingPrompt: '' });

    const e5 = await createSentenceEncoder(modelDir);
    const calls: Array<{ role: EmbeddingRole; texts: readonly string[] }> = [];
    const recording: SentenceEncoder = {
      ...e5,
      embed: (texts, role) => (calls.push({ role, texts }), e5.embed(texts, role)),
    };
    const bot = createTestChatbot(state.db, state.dir, { store, encoder: async () => recording });
    const message = 'has my top up arrived where is the money';
    await bot.chat({ message });
    expect(await store.versions(INTENT_MODEL)).toHaveLength(2);
    expect((await store.latest(INTENT_MODEL))?.metadata).toMatchObject({ embeddingPrompt: 'query: ' });
    const { kb } = await bot.assistants.knowledgeBase();
    const rolesOf = (text: string) => calls.filter((c) => c.texts.includes(text)).map((c) => c.role);
    expect(rolesOf(message)).toEqual(['query']);
    expect(rolesOf(kb.intents[0]!.examples[0]!)).toEqual(['query']);
    const entries = calls.filter((c) => c.role === 'passage');
    expect(entries.map((c) => c.texts.length)).toEqual([kb.intents.length]);
  });
});
