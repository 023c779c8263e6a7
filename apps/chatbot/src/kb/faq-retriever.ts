// FAQ retrieval over knowledge-base intents: BM25 on cleaned words, optionally blended with embedding cosine.
import { detectLanguage } from '../nlp/language-detection.ts';
import { termRulesFor, type TermRules } from '../nlp/language-terms.ts';
import { analyzeText } from '../nlp/text-cleaning.ts';
import type { KnowledgeBase } from './knowledge-base.ts';
import { getLanguageEvidence } from './language-evidence.ts';

export interface RetrievalHit {
  id: string;
  title: string;
  /** Blended relevance in [0, 1]: BM25 divided by the best BM25 of the query, mixed with cosine when available. */
  score: number;
}

/** One intent as the retriever indexes it: its distinct terms in first-seen order, their counts, its length in terms. */
export interface FaqDocument {
  terms: string[];
  counts: number[];
  length: number;
}

export interface RetrieverOptions {
  /** Stemming and stop words; default: the rules of the knowledge base's languages ({@link termRulesFor}). */
  terms: TermRules;
  /**
   * The intents' documents as {@link indexFaqDocuments} built them with the same `terms` (a stored retrieval index);
   * default: built now, which analyses every text of the knowledge base (the bulk of a cold start's first chat).
   */
  documents?: readonly FaqDocument[];
  k1: number;
  b: number;
  /** Weight of embedding cosine against normalised BM25 when both are present; default 0.5. */
  embeddingWeight: number;
}

const DEFAULT_OPTIONS: Omit<RetrieverOptions, 'terms'> = {
  k1: 1.2,
  b: 0.75,
  embeddingWeight: 0.5,
};

export interface FaqRetriever {
  /** Best `k` entries for a message, best first; entries with no overlap at all are left out. */
  /** `language`: the message's, one of the knowledge base's (default: detected as the chat detects it). */
  search(text: string, options?: { k?: number; embedding?: Float32Array; language?: string }): RetrievalHit[];
}

/** Analyses a text into its retrieval terms: cleaned words, stop words out, stemmed by the text's language. */
function termAnalyzer(kb: KnowledgeBase, rules: TermRules) {
  const { stem, stopWords } = rules;
  // Each text is stemmed by the rules of its language: a translation's by the language it is filed under, any
  // other by the language the chat would detect for it.
  const evidence = getLanguageEvidence(kb);
  const languageOf = (text: string) => detectLanguage(text, kb.languages, evidence);
  return (text: string, language = languageOf(text)): string[] =>
    analyzeText(text)
      .filter((w) => !stopWords.has(w))
      .map((w) => stem(w, language));
}

/**
 * The retrieval document of each intent of `kb` (title, examples, answer and translations), in `kb.intents` order:
 * what {@link createFaqRetriever} scores against, computed once per knowledge base.
 */
export function indexFaqDocuments(
  kb: KnowledgeBase,
  rules: TermRules = termRulesFor(kb.languages),
): FaqDocument[] {
  const terms = termAnalyzer(kb, rules);
  return kb.intents.map((intent) => {
    const words = [
      ...[intent.title, ...intent.examples, intent.answer].flatMap((text) => terms(text)),
      ...Object.entries(intent.translations ?? {}).flatMap(([language, t]) => [
        ...terms(t.title, language),
        ...terms(t.answer, language),
      ]),
    ];
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { terms: [...tf.keys()], counts: [...tf.values()], length: words.length };
  });
}

/**
 * A retriever over the intents of `kb`: each intent is one document (title, examples and answer).
 * `entryEmbeddings`, when given, hold one unit-norm vector per intent in `kb.intents` order.
 *
 * @example createFaqRetriever(kb).search('my card has not come', { k: 3 })
 */
export function createFaqRetriever(
  kb: KnowledgeBase,
  entryEmbeddings?: Float32Array[],
  options: Partial<RetrieverOptions> = {},
): FaqRetriever {
  const o = { ...DEFAULT_OPTIONS, terms: termRulesFor(kb.languages), ...options };
  const terms = termAnalyzer(kb, o.terms);
  const docs = o.documents ?? indexFaqDocuments(kb, o.terms);
  const termFreqs = docs.map((doc) => new Map(doc.terms.map((w, i) => [w, doc.counts[i] as number])));
  const df = new Map<string, number>();
  for (const tf of termFreqs) for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / Math.max(1, n);
  const idf = (w: string): number => {
    const d = df.get(w) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  const scores = new Float64Array(n);

  return {
    search(text, { k = 3, embedding, language } = {}) {
      const query = [...new Set(terms(text, language))];
      scores.fill(0);
      for (const w of query) {
        const weight = idf(w);
        for (let i = 0; i < n; i++) {
          const f = termFreqs[i]?.get(w);
          if (f === undefined) continue;
          const norm = 1 - o.b + (o.b * (docs[i] as FaqDocument).length) / avgLength;
          scores[i] = (scores[i] as number) + (weight * f * (o.k1 + 1)) / (f + o.k1 * norm);
        }
      }
      const best = Math.max(0, ...scores);
      const useEmbeddings =
        embedding !== undefined && entryEmbeddings !== undefined && entryEmbeddings.length === n;
      const hits: RetrievalHit[] = [];
      for (let i = 0; i < n; i++) {
        const lexical = best > 0 ? (scores[i] as number) / best : 0;
        let score = lexical;
        if (useEmbeddings) {
          const e = entryEmbeddings[i] as Float32Array;
          let cos = 0;
          for (let j = 0; j < e.length; j++) cos += (e[j] as number) * (embedding[j] ?? 0);
          score = (1 - o.embeddingWeight) * lexical + o.embeddingWeight * Math.max(0, cos);
        }
        if (score > 0) {
          const intent = kb.intents[i];
          if (intent) hits.push({ id: intent.id, title: intent.title, score });
        }
      }
      return hits.sort((a, b) => b.score - a.score).slice(0, k);
    },
  };
}
