// The language a customer's message is in, declared by the knowledge base or not: the script rules of
// language-detection.ts, and for Latin-script messages a check for common undeclared languages (latin-undeclared.ts).
// Kept apart from language-detection.ts so the console's pages, which only choose among declared languages, do not
// load the n-gram profile of that check (284 KB) nor the common words of the languages beyond the first seven.
import {
  decideLanguage,
  primaryLanguage,
  type LanguageEvidence,
  type LatinChecks,
  type MessageLanguage,
} from './language-detection.ts';
import { getAllCommonWords } from './latin-more-words.ts';
import { tryUndeclaredLatinLanguage } from './latin-undeclared.ts';
import { scriptOfLanguage, tryUndeclaredScriptLanguage } from './script-languages.ts';

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
 * Undefined when the message tells nothing. A Cyrillic or Arabic-script message whose letters and words say a language
 * of that script the base does not declare is that one (`tryUndeclaredScriptLanguage`: Ukrainian to a Russian base),
 * though `tryDetectLanguage` still answers it in the declared language of its script.
 *
 * @example detectMessageLanguage('カードが届きません', ['en', 'zh']) // { language: "ja", declared: false }
 * @example detectMessageLanguage('Моя картка досі не прийшла', ['en', 'zh']) // { language: "uk", declared: false }
 * @example detectMessageLanguage('ПИН', ['en', 'zh']) // { language: "und-Cyrl", declared: false }
 * @example detectMessageLanguage('Моя картка досі не прийшла', ['ru']) // { language: "uk", declared: false }
 * @example detectMessageLanguage("Ma carte n'est toujours pas arrivée", ['en', 'zh', 'es']) // { language: "fr", declared: false }
 */
export function detectMessageLanguage(
  text: string,
  languages: readonly string[],
  evidence: LanguageEvidence = {},
): MessageLanguage | undefined {
  const found = decideLanguage(text, languages, evidence, true, latin);
  if (found?.declared !== true) return found;
  // A declared Cyrillic or Arabic-script language was chosen because it is the only one of its script the base has:
  // Ukrainian to a Russian base is Ukrainian, told by its letters and words (as Persian to an Arabic one).
  const script = scriptOfLanguage(primaryLanguage(found.language));
  if (script === undefined) return found;
  const ours = languages.map(primaryLanguage).filter((l) => scriptOfLanguage(l) === script);
  const other = tryUndeclaredScriptLanguage(script, text, ours);
  return other === undefined ? found : { language: other, declared: false };
}
