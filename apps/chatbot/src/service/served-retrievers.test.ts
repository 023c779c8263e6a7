import { join } from 'node:path';
import { createFsModelStore, type ModelStore } from '@suite/shared/models';
import { describe, expect, it, vi } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { createFaqRetriever } from '../kb/faq-retriever.ts';
import { knowledgeBaseHash } from '../kb/knowledge-base-file.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { analyseForRetrieval, probeDigest, retrievalAnalysisKey } from '../kb/retrieval-analysis.ts';
import { RETRIEVAL_INDEX_MODEL, buildRetrievalIndex, encodeRetrievalIndex } from '../kb/retrieval-index.ts';
import { createTestChatbot } from '../testing/chatbot-kit.ts';
import { createServedRetrievers } from './served-retrievers.ts';
import { termRulesFor } from '../nlp/language-terms.ts';
import { useServiceTestState } from '../testing/service-test-state.ts';

/** The published index's manifest, once the store has one (a build publishes it in the background). */
async function publishedIndex(store: ModelStore) {
  for (let i = 0; i < 500; i++) {
    const manifest = await store.latest(RETRIEVAL_INDEX_MODEL);
    if (manifest) return manifest;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

describe('the served retriever', () => {
  const state = useServiceTestState('chatbot-served-retrievers');

  it('is published with the classifier: the first chat that trains stores its knowledge base index', async () => {
    const bot = createTestChatbot(state.db, join(state.dir, 'trained'));
    const reply = await bot.chat({ message: 'my new card has not arrived yet' });
    const { kb } = await bot.knowledgeBase();
    const manifest = await bot.models.store().latest(RETRIEVAL_INDEX_MODEL);
    expect(manifest?.metadata).toMatchObject({ kbHash: knowledgeBaseHash(kb), intents: kb.intents.length });
    // A second instance on the same store (cold) answers the same from the stored index.
    const cold = createTestChatbot(state.db, join(state.dir, 'trained'));
    const again = await cold.chat({ message: 'my new card has not arrived yet' });
    expect(again).toMatchObject({
      intent: reply.intent,
      confidence: reply.confidence,
      kbEntries: reply.kbEntries,
      reply: reply.reply,
    });
  }, 180_000);

  it('reads the published index of the knowledge base instead of analysing its texts', async () => {
    const store = createFsModelStore(join(state.dir, 'planted'));
    const kb = getDemoKnowledgeBase(['en']);
    const index = buildRetrievalIndex(kb);
    // A term no text of the demo holds, planted in one intent's stored document: only a read index knows it.
    const planted = index.documents[4]!;
    planted.terms.push('zzqx');
    planted.counts.push(1);
    await store.publish(RETRIEVAL_INDEX_MODEL, encodeRetrievalIndex(index));
    const retriever = await createServedRetrievers({ store: () => store }).get(kb, index.kbHash, undefined);
    expect(retriever.search('zzqx', { k: 1 })[0]?.id).toBe(kb.intents[4]!.id);
  });

  it('does not serve an index of the same knowledge base analysed by other code, and replaces it', async () => {
    const store = createFsModelStore(join(state.dir, 'other-analysis'));
    const kb = getDemoKnowledgeBase(['en']);
    // Built by code that stemmed nothing: the key of its analysis says so.
    const unstemmed = { ...termRulesFor(kb.languages), stem: (w: string) => w };
    const analyse = (k: KnowledgeBase) => analyseForRetrieval(k, unstemmed);
    const stale = {
      ...buildRetrievalIndex(kb),
      ...analyse(kb),
      analysis: retrievalAnalysisKey(probeDigest(analyse)),
    };
    stale.documents[4]!.terms.push('zzqx');
    stale.documents[4]!.counts.push(1);
    const planted = await store.publish(RETRIEVAL_INDEX_MODEL, encodeRetrievalIndex(stale));
    const retriever = await createServedRetrievers({ store: () => store }).get(kb, stale.kbHash, undefined);
    expect(retriever.search('zzqx', { k: 1 })).toEqual([]);
    const fresh = createFaqRetriever(getDemoKnowledgeBase(['en']));
    for (const message of ['my new card has not arrived yet', 'arriving cards', 'how do I reset my PIN'])
      expect(retriever.search(message, { k: 21 })).toEqual(fresh.search(message, { k: 21 }));
    let manifest = await publishedIndex(store);
    for (let i = 0; i < 500 && manifest?.version === planted.version; i++) {
      await new Promise((r) => setTimeout(r, 20));
      manifest = await store.latest(RETRIEVAL_INDEX_MODEL);
    }
    expect(manifest?.metadata.analysis).toBe(retrievalAnalysisKey());
  }, 60_000);

  it('builds the index off the event loop when none is published for this knowledge base, and publishes it', async () => {
    const store = createFsModelStore(join(state.dir, 'missing'));
    const other = getDemoKnowledgeBase(['es']);
    await store.publish(RETRIEVAL_INDEX_MODEL, encodeRetrievalIndex(buildRetrievalIndex(other)));
    const kb = getDemoKnowledgeBase(['en', 'es']);
    const hash = knowledgeBaseHash(kb);
    const retriever = await createServedRetrievers({ store: () => store }).get(kb, hash, undefined);
    expect(retriever.search('my card has not arrived', { k: 1 })[0]?.id).toBe('card_not_arrived');
    let manifest = await publishedIndex(store);
    for (let i = 0; i < 500 && manifest?.metadata.kbHash !== hash; i++) {
      await new Promise((r) => setTimeout(r, 20));
      manifest = await store.latest(RETRIEVAL_INDEX_MODEL);
    }
    expect(manifest?.metadata.kbHash).toBe(hash);
  }, 60_000);

  it('answers when the index worker fails: the index is built on the app thread, said so, and published', async () => {
    const warn = vi.spyOn(console, 'warn');
    try {
      // A real worker that cannot do its job: its heap is too small to load its modules.
      const indexWorker = { resourceLimits: { maxOldGenerationSizeMb: 4, maxYoungGenerationSizeMb: 1 } };
      const bot = createTestChatbot(state.db, join(state.dir, 'worker-fails'), { indexWorker });
      // The first chat trains: the training and the chat both wait for that index.
      const reply = await bot.chat({ message: 'my new card has not arrived yet' });
      expect(reply.intent).toBe('card_not_arrived');
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/in its worker failed; building it on the app thread/),
        expect.objectContaining({ code: 'training_failed', message: expect.stringMatching(/memory limit/) }),
      );
      const { kb, retriever } = await bot.assistants.get();
      const fresh = createFaqRetriever(getDemoKnowledgeBase(['en']));
      for (const message of ['my new card has not arrived yet', 'how do I reset my PIN', 'card'])
        expect(retriever.search(message, { k: 21 })).toEqual(fresh.search(message, { k: 21 }));
      const manifest = await publishedIndex(bot.models.store());
      expect(manifest?.metadata.kbHash).toBe(knowledgeBaseHash(kb));
    } finally {
      warn.mockRestore();
    }
  }, 180_000);
});
