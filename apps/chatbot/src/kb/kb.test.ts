import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '@suite/shared/errors';
import { describe, expect, it } from 'vitest';
import { createFaqRetriever } from './faq-retriever.ts';
import { getDemoKnowledgeBase } from './demo-knowledge-bases.ts';
import { localizedIntent, parseKnowledgeBase } from './knowledge-base.ts';
import { knowledgeBaseHash, loadKnowledgeBaseFile } from './knowledge-base-file.ts';

describe('knowledge base', () => {
  it('ships a valid demo with about twenty intents and a human-agent intent, in English, Chinese and Spanish by default', () => {
    const kb = getDemoKnowledgeBase();
    expect(kb.languages).toEqual(['en', 'zh', 'es']);
    expect(kb.intents.length).toBeGreaterThanOrEqual(15);
    expect(kb.intents.map((i) => i.id)).toContain('human_agent');
  });

  it('names the bad field of an invalid knowledge base', () => {
    const kb = getDemoKnowledgeBase();
    kb.intents[2]!.examples = [];
    try {
      parseKnowledgeBase(kb);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.path).toBe('intents.2.examples');
    }
  });

  it('refuses an intent whose examples have no word the classifier can use (only emoji or symbols)', () => {
    const kb = getDemoKnowledgeBase();
    kb.intents[3]!.examples = ['😀😀', '!!!', '🎉 ?'];
    try {
      parseKnowledgeBase(kb);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.path).toBe('intents.3.examples');
    }
    kb.intents[3]!.examples = ['😀😀', 'where is it'];
    expect(parseKnowledgeBase(kb).intents[3]!.examples).toHaveLength(2);
  });

  it('accepts a Chinese knowledge base (refused before as "only emoji or symbols")', () => {
    const zh = getDemoKnowledgeBase(['zh']);
    expect(zh.languages).toEqual(['zh']);
    const parsed = parseKnowledgeBase({
      name: '小店',
      languages: ['zh'],
      intents: [
        { id: 'returns', title: '退货', examples: ['我想退货', '怎么退货'], answer: '30天内可以退货。' },
        { id: 'hours', title: '营业时间', examples: ['几点开门', '营业时间'], answer: '每天9点到18点。' },
      ],
    });
    expect(parsed.intents).toHaveLength(2);
  });

  it('ships the same intents in Chinese and merges both into one bilingual knowledge base', () => {
    const en = getDemoKnowledgeBase(['en']);
    const zh = getDemoKnowledgeBase(['zh']);
    expect(zh.intents.map((i) => i.id).sort()).toEqual(en.intents.map((i) => i.id).sort());
    const both = getDemoKnowledgeBase(['en', 'zh']);
    expect(both.languages).toEqual(['en', 'zh']);
    const card = both.intents.find((i) => i.id === 'card_not_arrived')!;
    expect(localizedIntent(card, 'en').answer).toBe(en.intents.find((i) => i.id === card.id)!.answer);
    expect(localizedIntent(card, 'zh').answer).toBe(zh.intents.find((i) => i.id === card.id)!.answer);
    expect(card.examples.length).toBe(
      en.intents.find((i) => i.id === card.id)!.examples.length +
        zh.intents.find((i) => i.id === card.id)!.examples.length,
    );
  });

  it('refuses a translation into a language the knowledge base does not declare', () => {
    const kb = getDemoKnowledgeBase(['en']);
    kb.intents[0]!.translations = { fr: { title: 'Bonjour', answer: 'Bonjour !' } };
    expect(() => parseKnowledgeBase(kb)).toThrow(/intents\.0\.translations\.fr/);
    kb.languages = ['en', 'fr'];
    expect(parseKnowledgeBase(kb).intents[0]!.translations!.fr!.answer).toBe('Bonjour !');
  });

  it('refuses duplicate intent ids', () => {
    const kb = getDemoKnowledgeBase();
    kb.intents[1]!.id = kb.intents[0]!.id;
    expect(() => parseKnowledgeBase(kb)).toThrow(/duplicate intent id/);
  });

  it('loads a replacement from a file, and its hash differs from the demo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kb-'));
    const file = join(dir, 'kb.json');
    const own = {
      name: 'Shop',
      intents: [
        {
          id: 'returns',
          title: 'Returns',
          examples: ['how do I return an item'],
          answer: 'Use the returns page.',
        },
        {
          id: 'delivery',
          title: 'Delivery',
          examples: ['where is my parcel'],
          answer: 'Track it in your orders.',
        },
      ],
    };
    await writeFile(file, JSON.stringify(own));
    const kb = await loadKnowledgeBaseFile(file);
    expect(kb.version).toBe('1');
    expect(knowledgeBaseHash(kb)).not.toBe(knowledgeBaseHash(getDemoKnowledgeBase()));
    await writeFile(file, '{ not json');
    await expect(loadKnowledgeBaseFile(file)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('createFaqRetriever', () => {
  const retriever = createFaqRetriever(getDemoKnowledgeBase());

  it('ranks the matching entry first for a paraphrase', () => {
    expect(retriever.search('my card got stolen yesterday')[0]!.id).toBe('lost_or_stolen_card');
    expect(retriever.search('what exchange rate applies to dollars')[0]!.id).toBe('exchange_rate');
  });

  it('returns at most k hits, best first, scored in [0, 1]', () => {
    const hits = retriever.search('card payment declined abroad fee', { k: 2 });
    expect(hits).toHaveLength(2);
    expect(hits[0]!.score).toBe(1);
    expect(hits[1]!.score).toBeLessThanOrEqual(1);
  });

  it('matches inflected forms through stemming', () => {
    expect(retriever.search('card delivery arriving')[0]!.id).toBe('card_not_arrived');
  });

  it("matches a Spanish verb form the knowledge base never writes through Snowball's Spanish stemmer", () => {
    // The demo writes "recargar" and "recarga", never "recargo"; Porter's English stemmer left them apart.
    for (const message of ['¿Cómo recargo mi cuenta?', 'como recargo'])
      expect(retriever.search(message)[0]!.id, message).toBe('top_up');
    expect(createFaqRetriever(getDemoKnowledgeBase(['es'])).search('recargo')[0]!.id).toBe('top_up');
    // English messages keep Porter's stems.
    expect(retriever.search('topping up my account')[0]!.id).toBe('top_up');
  });

  it('returns nothing for words the knowledge base never uses', () => {
    expect(retriever.search('xylophone zebra')).toEqual([]);
  });

  it('blends embedding cosine when entry and query embeddings are given', () => {
    const kb = getDemoKnowledgeBase();
    const embeddings = kb.intents.map((_, i) => Float32Array.from([i === 5 ? 1 : 0, i === 5 ? 0 : 1]));
    const hits = createFaqRetriever(kb, embeddings).search('xylophone', {
      embedding: Float32Array.from([1, 0]),
    });
    expect(hits[0]!.id).toBe(kb.intents[5]!.id);
  });
});
