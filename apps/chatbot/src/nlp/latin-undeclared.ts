// Whether a Latin-script message is in a common language the knowledge base does not declare (French to en/es).
import { getCommonWords, LATIN_LETTERS, type LatinVocabulary } from './latin-languages.ts';
import { getLatinProposer, type LatinProposer } from './latin-ngram-profile.ts';

/** The Latin-script languages told apart from the declared ones: each has a common-word list and letters. */
export const UNDECLARED_LATIN: readonly string[] = ['fr', 'de', 'it', 'pt', 'nl'];

// Fewer letter words than this tell nothing: one word is as often a name, a product or a word two languages share.
const MIN_WORDS = 2;
// Up to this many words, the undeclared language must lead the declared ones ("is in" is English and Dutch alike).
const SHORT_WORDS = 3;
const LETTER_WORD = /^\p{L}+$/u;
const RAW_WORD_RE = /[\p{L}\p{M}¿¡]+/gu;

const primary = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? tag;

/**
 * How much a message reads as `language`: its words (two letters or more) in the language's common-word list, its
 * raw words holding a letter the language writes that none of `others` writes, and for a declared language the
 * words only its own knowledge-base texts write (`vocabulary`).
 */
function score(
  language: string,
  words: readonly string[],
  rawWords: readonly string[],
  others: readonly string[],
  vocabulary: LatinVocabulary | undefined,
  declared: string | undefined,
): number {
  const common = getCommonWords().get(language);
  let n = common === undefined ? 0 : words.filter((w) => w.length > 1 && common.has(w)).length;
  const own = [...(LATIN_LETTERS[language] ?? '')].filter((ch) =>
    others.every((o) => !(LATIN_LETTERS[o] ?? '').includes(ch)),
  );
  n += rawWords.filter((raw) => [...raw].some((ch) => own.includes(ch))).length;
  if (declared !== undefined && vocabulary !== undefined)
    n += words.filter((w) => vocabulary.get(w)?.has(declared) === true && common?.has(w) !== true).length;
  return n;
}

/**
 * The undeclared Latin-script language of a message, or undefined when it may be in one of `declared` (the knowledge
 * base's Latin-script languages). Two must agree: `propose` (by default the n-gram profile of latin-ngram-profile.ts,
 * Nito-ELD's scoring over seven Latin languages) names one of {@link UNDECLARED_LATIN}, and the message's own words do not read more as a declared language (common words,
 * letters, words of the knowledge base); a message of up to three words must read more as the undeclared one. A
 * message of one word is never taken for one: "merci" or "danke" alone keeps the conversation's language.
 * Measured in bench/latin-undeclared.ts.
 *
 * @example tryUndeclaredLatinLanguage("Ma carte n'est toujours pas arrivée", ['ma', 'carte', 'n', 'est', 'toujours', 'pas', 'arrivee'], ['en', 'es']) // "fr"
 * @example tryUndeclaredLatinLanguage('my carte is lost', ['my', 'carte', 'is', 'lost'], ['en', 'es']) // undefined
 */
export function tryUndeclaredLatinLanguage(
  text: string,
  words: readonly string[],
  declared: readonly string[],
  vocabulary?: LatinVocabulary,
  propose: LatinProposer = getLatinProposer(),
): string | undefined {
  const letterWords = words.filter((w) => LETTER_WORD.test(w));
  if (letterWords.length < MIN_WORDS) return undefined;
  const ours = declared.map(primary);
  const proposed = propose(text);
  if (proposed === undefined || !UNDECLARED_LATIN.includes(proposed) || ours.includes(proposed))
    return undefined;
  const rawWords = text.normalize('NFC').toLowerCase().match(RAW_WORD_RE) ?? [];
  const all = [...ours, proposed];
  const othersOf = (l: string) => (ours.includes(l) ? all.filter((o) => o !== l) : ours);
  const scoreOf = (l: string, i: number) =>
    score(l, letterWords, rawWords, othersOf(l), vocabulary, declared[i]);
  const best = Math.max(...ours.map(scoreOf));
  const theirs = score(proposed, letterWords, rawWords, ours, undefined, undefined);
  const short = letterWords.length <= SHORT_WORDS;
  return theirs > best || (!short && theirs === best) ? proposed : undefined;
}
