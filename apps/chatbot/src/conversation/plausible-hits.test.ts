import { describe, expect, it } from 'vitest';
import { getDemoKnowledgeBase } from '../kb/demo-knowledge-bases.ts';
import { createFaqRetriever } from '../kb/faq-retriever.ts';
import { trainOnKnowledgeBase } from '../kb/knowledge-base-training.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../nlp/confidence-threshold.ts';
import { decideMessage } from './decide-message.ts';
import { plausibleHits } from './plausible-hits.ts';

const hit = (id: string, score: number) => ({ id, title: id, score });

describe('plausibleHits', () => {
  it('keeps hits the classifier ranks with at least a quarter of the top probability, in retrieval order', () => {
    const ranked = [
      { intent: 'account_fees', confidence: 0.4 },
      { intent: 'exchange_rate', confidence: 0.1 },
      { intent: 'refund', confidence: 0.09 },
    ];
    const hits = [
      hit('exchange_rate', 1),
      hit('card_not_arrived', 0.9),
      hit('refund', 0.8),
      hit('account_fees', 0.7),
    ];
    expect(plausibleHits(hits, { ranked })).toEqual([hit('exchange_rate', 1), hit('account_fees', 0.7)]);
    expect(plausibleHits(hits, { ranked: [] })).toEqual([]);
  });
});

describe('"Did you mean" entries on the default demo knowledge base (en,zh,es)', () => {
  it('does not offer an unrelated intent that shares one word with the message', async () => {
    const kb = getDemoKnowledgeBase(['en', 'zh', 'es']);
    const { classifier } = await trainOnKnowledgeBase(kb, [], undefined, {
      minConfidence: DEFAULT_MIN_CONFIDENCE,
    });
    const parts = { classifier, retriever: createFaqRetriever(kb), kb };
    const entries = (message: string) =>
      decideMessage(parts, message, undefined, 2).decision.entries.map((e) => e.id);
    // Retrieval alone puts "New card has not arrived" second for both (shared "send"/"sent", "arrived").
    expect(entries('how much does it cost to send money abroad')).not.toContain('card_not_arrived');
    expect(entries('my transfer has not arrived')).toEqual(['transfer_not_received']);
    // Near-ties stay offered.
    expect(entries('how much is a transfer')).toEqual(
      expect.arrayContaining(['spending_limits', 'account_fees']),
    );
  });
});
