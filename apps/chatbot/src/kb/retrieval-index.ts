// A knowledge base's retrieval index: each intent's retrieval document and the knowledge base's language evidence,
// everything the first chat would otherwise analyse every text of the knowledge base for (0.1-0.4 s of CPU for the
// three-language demo, on the app's thread). Built where the classifier trains and published beside it, so a cold
// process reads it instead.
import { createFaqRetriever, type FaqRetriever } from './faq-retriever.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { knowledgeBaseHash } from './knowledge-base-file.ts';
import { seedLanguageEvidence } from './language-evidence.ts';
import { analyseForRetrieval, retrievalAnalysisKey, type RetrievalAnalysis } from './retrieval-analysis.ts';

/** The model-store name the index is published under. */
export const RETRIEVAL_INDEX_MODEL = 'chatbot-retrieval';

export interface RetrievalIndex extends RetrievalAnalysis {
  /** The knowledge base it was built from ({@link knowledgeBaseHash}). */
  kbHash: string;
  /**
   * The analysis that built it ({@link retrievalAnalysisKey}); absent from an index published before analyses had a
   * key, which is not served either.
   */
  analysis: string;
}

/**
 * Analyses every text of `kb` once: the intents' documents and the language evidence. `kbHash` is `kb`'s, given by a
 * caller that has it (a worker's copy of the knowledge base would be hashed again).
 * @example const bytes = encodeRetrievalIndex(buildRetrievalIndex(kb));
 */
export function buildRetrievalIndex(kb: KnowledgeBase, kbHash = knowledgeBaseHash(kb)): RetrievalIndex {
  return { kbHash, analysis: retrievalAnalysisKey(), ...analyseForRetrieval(kb) };
}

export function encodeRetrievalIndex(index: RetrievalIndex): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(index));
}

/** Reads an index; a throw when the bytes are not one (the model cache then serves an older version or none). */
export function decodeRetrievalIndex(bytes: Uint8Array): RetrievalIndex {
  const index = JSON.parse(new TextDecoder().decode(bytes)) as RetrievalIndex;
  if (
    typeof index?.kbHash !== 'string' ||
    !Array.isArray(index.documents) ||
    typeof index.evidence !== 'object'
  )
    throw new TypeError('not a retrieval index (kbHash, documents and evidence expected)');
  return index;
}

/** Whether `index` can serve the knowledge base whose hash is `kbHash` with this code (the same analysis). */
export function isServableIndex(index: RetrievalIndex, kbHash: string): boolean {
  return index.kbHash === kbHash && index.analysis === retrievalAnalysisKey();
}

/**
 * The retriever of `kb` from its index (whose `kbHash` must be `kb`'s), with `kb`'s language evidence taken from it
 * too: answers as `createFaqRetriever(kb, entryEmbeddings)` does, without analysing the knowledge base.
 */
export function createIndexedRetriever(
  kb: KnowledgeBase,
  index: RetrievalIndex,
  entryEmbeddings?: Float32Array[],
): FaqRetriever {
  seedLanguageEvidence(kb, index.evidence);
  return createFaqRetriever(kb, entryEmbeddings, { documents: index.documents });
}
