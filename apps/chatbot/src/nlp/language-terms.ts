// Index terms for retrieval per language: English words stemmed with Porter's algorithm, Spanish ones with
// Snowball's Spanish stemmer, other words kept whole.
import { stemmer as spanishStemmer } from '@orama/stemmers/spanish';
import { stemmer } from 'stemmer';
import { primaryLanguage } from './language-detection.ts';

/** How words become index terms: a stemmer per text language and the stop words to drop. */
export interface TermRules {
  /** The stem of a word of a text in `language` (one of the knowledge base's; default its first). */
  stem: (word: string, language?: string) => string;
  stopWords: ReadonlySet<string>;
}

const LATIN_WORD = /^[a-z]+$/;
const NO_STOP_WORDS: ReadonlySet<string> = new Set();
const keep = (w: string) => w;
const porter = (w: string) => (LATIN_WORD.test(w) ? stemmer(w) : w);
const snowballSpanish = (w: string) => (LATIN_WORD.test(w) ? spanishStemmer(w) : w);

/**
 * Term rules for a knowledge base in `languages`. Measured on Banking77 (bench/retrieval-stemming.ts): the
 * `stemmer` package (Porter) beat the old hand-written suffix list on knowledge-base-sized documents, and every
 * stop-word list (hand-written or the `stopword` package's) lowered top-1 accuracy ("not" and "my" decide
 * intents; BM25's idf already discounts common words), so none is used. Spanish texts of a base declaring Spanish
 * go through Snowball's Spanish stemmer (`@orama/stemmers`: "recargo", "recargar" and "recarga" are one term;
 * bench/research/spanish-retrieval.ts); other texts through Porter's when the base declares English, as before.
 * Chinese and Japanese words come from the segmenter and need no stemming; other languages are indexed unstemmed.
 *
 * @example termRulesFor(['en', 'zh']).stem('arriving') // "arriv"
 * @example termRulesFor(['en', 'es']).stem('recargo', 'es') // "recarg"
 */
export function termRulesFor(languages: readonly string[]): TermRules {
  const declared = new Set(languages.map(primaryLanguage));
  const otherwise = declared.has('en') ? porter : keep;
  const spanish = declared.has('es') ? snowballSpanish : otherwise;
  const first = primaryLanguage(languages[0] ?? 'en');
  return {
    stem: (w, language = first) => (primaryLanguage(language) === 'es' ? spanish : otherwise)(w),
    stopWords: NO_STOP_WORDS,
  };
}
