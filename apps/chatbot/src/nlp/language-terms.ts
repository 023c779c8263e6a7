// Index terms for retrieval per language: English words stemmed with Porter's algorithm, other words kept whole.
import { stemmer } from 'stemmer';
import { primaryLanguage } from './language-detection.ts';

/** How words become index terms: a stemmer and the stop words to drop. */
export interface TermRules {
  stem: (word: string) => string;
  stopWords: ReadonlySet<string>;
}

const ENGLISH_WORD = /^[a-z]+$/;
const NO_STOP_WORDS: ReadonlySet<string> = new Set();

/**
 * Term rules for a knowledge base in `languages`. Measured on Banking77 (bench/retrieval-stemming.ts): the
 * `stemmer` package (Porter) beat the old hand-written suffix list on knowledge-base-sized documents, and every
 * stop-word list (hand-written or the `stopword` package's) lowered top-1 accuracy ("not" and "my" decide
 * intents; BM25's idf already discounts common words), so none is used. Chinese and Japanese words come from the
 * segmenter and need no stemming; other languages are indexed unstemmed (a stemmer can be added here).
 *
 * @example termRulesFor(['en', 'zh']).stem('arriving') // "arriv"
 */
export function termRulesFor(languages: readonly string[]): TermRules {
  const english = languages.some((l) => primaryLanguage(l) === 'en');
  return {
    stem: english ? (w) => (ENGLISH_WORD.test(w) ? stemmer(w) : w) : (w) => w,
    stopWords: NO_STOP_WORDS,
  };
}
