import { describe, expect, it } from 'vitest';
import { detectMessageLanguage } from '../nlp/message-language.ts';
import { getDemoKnowledgeBase } from './demo-knowledge-bases.ts';
import { createFaqRetriever } from './faq-retriever.ts';
import { knowledgeBaseHash } from './knowledge-base-file.ts';
import { getLanguageEvidence } from './language-evidence.ts';
import {
  buildRetrievalIndex,
  createIndexedRetriever,
  decodeRetrievalIndex,
  encodeRetrievalIndex,
  isServableIndex,
} from './retrieval-index.ts';
import { retrievalAnalysisKey } from './retrieval-analysis.ts';

const MESSAGES = [
  'I lost my card, what should I do?',
  'my new card has not arrived yet',
  'how do I reset my PIN',
  '新卡还没收到',
  '我的卡丢了怎么办',
  '¿Dónde está mi tarjeta nueva?',
  'quiero hablar con un humano',
  'transfer money to my friend',
  'Ma carte n’est toujours pas arrivée',
  'カードが届きません',
  'card',
  '1234',
];

describe('the retrieval index', () => {
  it('serves retrieval and language detection exactly as the knowledge base analysed afresh does', () => {
    // Two copies of the demo: the second never has its texts analysed, only its stored index read.
    const fresh = getDemoKnowledgeBase();
    const cold = getDemoKnowledgeBase();
    const index = decodeRetrievalIndex(encodeRetrievalIndex(buildRetrievalIndex(getDemoKnowledgeBase())));
    expect(isServableIndex(index, knowledgeBaseHash(cold))).toBe(true);
    const built = createFaqRetriever(fresh);
    const stored = createIndexedRetriever(cold, index);
    for (const message of MESSAGES) {
      expect(stored.search(message, { k: 21 })).toEqual(built.search(message, { k: 21 }));
      for (const language of cold.languages)
        expect(stored.search(message, { k: 5, language })).toEqual(built.search(message, { k: 5, language }));
      expect(detectMessageLanguage(message, cold.languages, getLanguageEvidence(cold))).toEqual(
        detectMessageLanguage(message, fresh.languages, getLanguageEvidence(fresh)),
      );
    }
  });

  it('is not served for another knowledge base, nor one built by another analysis', () => {
    const kb = getDemoKnowledgeBase(['en', 'zh']);
    const index = buildRetrievalIndex(kb);
    expect(index.analysis).toBe(retrievalAnalysisKey());
    expect(isServableIndex(index, knowledgeBaseHash(kb))).toBe(true);
    expect(isServableIndex(index, knowledgeBaseHash(getDemoKnowledgeBase(['en'])))).toBe(false);
    const { analysis, ...fromBeforeKeys } = index;
    expect(isServableIndex(fromBeforeKeys as typeof index, index.kbHash)).toBe(false);
    // Other Unicode data (another Node): NFKC, word segmentation and script classes may differ.
    const otherNode = retrievalAnalysisKey(undefined, { unicode: '15.1', icu: '74.2' });
    expect(isServableIndex({ ...index, analysis: otherNode }, index.kbHash)).toBe(false);
    expect(analysis).not.toBe(otherNode);
    expect(() => decodeRetrievalIndex(new TextEncoder().encode('{"documents":[]}'))).toThrow(TypeError);
  });
});
