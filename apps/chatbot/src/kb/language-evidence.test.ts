import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../nlp/language-detection.ts';
import { getDemoKnowledgeBase } from './demo-knowledge-bases.ts';
import { parseKnowledgeBase } from './knowledge-base.ts';
import { getLanguageEvidence, hanTextsOf, latinVocabularyOf } from './language-evidence.ts';
import { mergeKnowledgeBases } from './merge-knowledge-bases.ts';

const japanese = parseKnowledgeBase({
  name: '日本語',
  languages: ['ja'],
  intents: [
    {
      id: 'balance',
      title: '残高照会',
      examples: ['口座の残高を確認したい', '残高照会', '預金残高はいくら'],
      answer: 'アプリの口座画面で残高を確認できます。',
    },
    {
      id: 'transfer',
      title: '海外送金',
      examples: ['海外に送金したい', '送金の手数料は'],
      answer: '海外送金はアプリから申し込めます。',
    },
  ],
});

describe('getLanguageEvidence', () => {
  it('places each text of a merged knowledge base by the script rules, leaving out the ones they leave open', () => {
    const kb = parseKnowledgeBase(mergeKnowledgeBases([getDemoKnowledgeBase(['zh']), japanese]));
    const texts = hanTextsOf(kb)!;
    expect(texts.japanese).toContain('口座の残高を確認したい');
    expect(texts.japanese).toContain('アプリの口座画面で残高を確認できます。');
    expect(texts.chinese).toContain('新卡还没寄到');
    // "残高照会" alone says neither: it is an example (not filed under a language) and is left out.
    expect([...texts.chinese, ...texts.japanese]).not.toContain('残高照会');
    // As a translation's title and answer it counts for the language it is filed under.
    const filed = parseKnowledgeBase(mergeKnowledgeBases([getDemoKnowledgeBase(['zh']), japanese]));
    filed.intents.find((i) => i.id === 'balance')!.translations = {
      ja: { title: '残高照会', answer: '残高照会' },
    };
    expect(hanTextsOf(filed)!.japanese.filter((t) => t === '残高照会')).toHaveLength(2);
  });

  it("answers a kanji-only Japanese message in Japanese from the knowledge base's own texts, either order", () => {
    for (const kbs of [
      [getDemoKnowledgeBase(['zh']), japanese],
      [japanese, getDemoKnowledgeBase(['zh'])],
    ]) {
      const kb = parseKnowledgeBase(mergeKnowledgeBases(kbs));
      const evidence = getLanguageEvidence(kb);
      expect(detectLanguage('口座残高照会', kb.languages, evidence)).toBe('ja');
      expect(detectLanguage('海外送金', kb.languages, evidence)).toBe('ja');
      expect(detectLanguage('卡什么时候寄到', kb.languages, evidence)).toBe('zh');
    }
  });

  it('is built once per knowledge base, and only for one declaring Chinese and Japanese', () => {
    const kb = parseKnowledgeBase(mergeKnowledgeBases([getDemoKnowledgeBase(['zh']), japanese]));
    expect(getLanguageEvidence(kb)).toBe(getLanguageEvidence(kb));
    expect(getLanguageEvidence(getDemoKnowledgeBase()).han).toBeUndefined();
    expect(hanTextsOf(getDemoKnowledgeBase())).toBeUndefined();
  });

  it("answers one-word Spanish messages of the default demo in Spanish from the base's own words", () => {
    const kb = getDemoKnowledgeBase();
    const evidence = getLanguageEvidence(kb);
    expect(evidence.latin?.get('humano')).toEqual(new Set(['es']));
    expect(evidence.latin?.get('human')).toEqual(new Set(['en']));
    for (const [message, language] of [
      ['humano', 'es'],
      ['persona', 'es'],
      ['recarga', 'es'],
      ['human', 'en'],
      ['refund', 'en'],
    ] as const) {
      expect(detectLanguage(message, kb.languages, evidence)).toBe(language);
    }
    // A translation's title and answer count for the language they are filed under.
    expect(latinVocabularyOf(kb)?.get('sucursal')).toEqual(new Set(['es']));
    expect(latinVocabularyOf(getDemoKnowledgeBase(['es']))).toBeUndefined();
  });
});
