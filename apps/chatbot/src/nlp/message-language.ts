// The language a customer's message is in, declared by the knowledge base or not: the script rules of
// language-detection.ts, and for Latin-script messages a check for common undeclared languages (latin-undeclared.ts).
// Kept apart from language-detection.ts so the console's pages, which only choose among declared languages, do not
// load the n-gram profile of that check (284 KB) nor the common words of the languages beyond the first seven.
import {
  decideLanguage,
  type LanguageEvidence,
  type LatinChecks,
  type MessageLanguage,
} from './language-detection.ts';
import { getAllCommonWords } from './latin-more-words.ts';
import { tryUndeclaredLatinLanguage } from './latin-undeclared.ts';

const latin: LatinChecks = {
  undeclared: (text, words, candidates, evidence) =>
    tryUndeclaredLatinLanguage(text, words, candidates, evidence.latin),
  commonWords: getAllCommonWords,
};

/**
 * `detectLanguage`, or undefined when the message tells nothing (digits, emoji, Latin letters without a common
 * word, letter, word of the knowledge base or shape of one language) or is in a language no declared one is
 * (Japanese, or French to a base of English and Spanish): a conversation then keeps the language it was in. A
 * knowledge base of one language always gets that one.
 */
export function tryDetectLanguage(
  text: string,
  languages: readonly string[],
  evidence: LanguageEvidence = {},
): string | undefined {
  if (languages.length < 2) return languages[0] ?? 'en';
  const found = decideLanguage(text, languages, evidence, true, latin);
  return found?.declared === true ? found.language : undefined;
}

/**
 * The language of a message as {@link tryDetectLanguage} finds it, and also when the script with most words is one
 * no declared language writes: kana (with the kanji among it) is Japanese, never Chinese, so "カードがまだ届きません"
 * is undeclared Japanese for a base declaring Chinese but not Japanese. A script with as many words as one a
 * declared language writes does not outweigh it. A knowledge base of one language is no exception ("カード" to a
 * Chinese one is Japanese), though a message in its script is taken to be in it unless it is Latin script and reads
 * as a common undeclared language (`tryUndeclaredLatinLanguage`: French, German, Italian, Portuguese, Dutch).
 * Undefined when the message tells nothing.
 *
 * @example detectMessageLanguage('カードが届きません', ['en', 'zh']) // { language: "ja", declared: false }
 * @example detectMessageLanguage('Моя картка досі не прийшла', ['en', 'zh']) // { language: "uk", declared: false }
 * @example detectMessageLanguage('ПИН', ['en', 'zh']) // { language: "und-Cyrl", declared: false }
 * @example detectMessageLanguage("Ma carte n'est toujours pas arrivée", ['en', 'zh', 'es']) // { language: "fr", declared: false }
 */
export function detectMessageLanguage(
  text: string,
  languages: readonly string[],
  evidence: LanguageEvidence = {},
): MessageLanguage | undefined {
  return decideLanguage(text, languages, evidence, true, latin);
}
