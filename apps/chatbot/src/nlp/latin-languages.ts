// Which of several Latin-script languages a message is in: its common words, then letters and marks only some write.
import { getCommonWords, LATIN_LETTERS } from './latin-language-lists.ts';

/**
 * How a language's words look, for a tie of words and letters: English "-ing", "-ed", a final consonant Spanish
 * words do not end in, "th", "sh", "w", "k"; Spanish "-o"/"-a" after a consonant other than r, s or x ("pago",
 * "tarjeta"; not "visa", "euro", "extra"), "-ción", "-dad", "-mente". A rival of the earliest tied language wins
 * this way only by two such words more ("undo a transfer" stays English, "pago fraudulento" is Spanish).
 */
const SHAPE_MARGIN = 2;
const SHAPES: Record<string, RegExp> = {
  en: /(?:ing|ed|[bcfghkmptvwx])$|th|sh|w|k/,
  es: /(?:[^aeiou][aeiou]*[^aeiouxrs][oa]s?|cion|ciones|dad|mente)$/,
};

const primary = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? tag;

/**
 * A knowledge base's Latin-script words (cleaned, as messages are) and the declared languages whose texts write
 * each: "humano" only the Spanish ones, "card" only the English ones, "app" both.
 */
export type LatinVocabulary = ReadonlyMap<string, ReadonlySet<string>>;

/** Per language, its common words as cleaned messages write them (`getCommonWords()`: the seven first told apart). */
export type CommonWords = Pick<ReadonlyMap<string, ReadonlySet<string>>, 'get'>;

/**
 * The one of `tied` that has more of the message's words to itself in `vocabulary` (written by it and no other of
 * `tied`) than any other, or undefined when none leads.
 */
function vocabularyLeader(
  words: readonly string[],
  tied: readonly string[],
  vocabulary: LatinVocabulary,
): string | undefined {
  const counts = tied.map(() => 0);
  for (const word of words) {
    const writers = vocabulary.get(word);
    if (writers === undefined) continue;
    const own = tied.filter((t) => writers.has(t));
    const k = own.length === 1 ? tied.indexOf(own[0] as string) : -1;
    if (k >= 0) counts[k] = (counts[k] as number) + 1;
  }
  const top = Math.max(...counts);
  return top > 0 && counts.filter((c) => c === top).length === 1 ? tied[counts.indexOf(top)] : undefined;
}

/** `words` common in `language`, plus raw words holding a letter it writes that is not in `shared`. */
function evidence(
  language: string,
  words: readonly string[],
  rawWords: readonly string[],
  shared: string,
  commonWords: CommonWords,
): number {
  const common = commonWords.get(language);
  let score = common === undefined ? 0 : words.filter((w) => common.has(w)).length;
  const letters = LATIN_LETTERS[language] ?? '';
  for (const raw of rawWords)
    for (const ch of raw)
      if (letters.includes(ch) && !shared.includes(ch)) {
        score++;
        break;
      }
  return score;
}

// Raw words keep their accents and ¿¡ (cleaning drops both); NFC so "á" typed as a + combining mark counts too.
const RAW_WORD_RE = /[\p{L}\p{M}¿¡]+/gu;

/**
 * The Latin-script language of a message among `candidates` (declared ones, first = default): the one with most
 * evidence, counting `words` (cleaned, accents folded) in its common-word list and raw words holding a letter it
 * writes and no other candidate does unless that one writes it too ("é" counts for Spanish against English, for
 * neither between Spanish and French; "ñ", "¿" and "¡" for Spanish against both); a tie goes by
 * the knowledge base's own words when given (`vocabulary`: a word only one tied language's texts write), then by the
 * shape of the words (SHAPES), else to the earlier declared language. `commonWords` are the seven first told apart's
 * unless given (the chat gives every Latin-script language's: latin-more-words.ts).
 *
 * @example latinLanguage('¿Dónde está mi tarjeta?', ['donde', 'esta', 'mi', 'tarjeta'], ['en', 'es']) // "es"
 * @example latinLanguage('card declined', ['card', 'declined'], ['en', 'es']) // "en" (nothing tells: the default)
 */
export function latinLanguage(
  text: string,
  words: readonly string[],
  candidates: readonly string[],
  vocabulary?: LatinVocabulary,
  commonWords: CommonWords = getCommonWords(),
): string {
  return tryLatinLanguage(text, words, candidates, vocabulary, commonWords) ?? (candidates[0] as string);
}

/**
 * {@link latinLanguage}, or undefined when nothing in the message tells (no common word, letter, word of the
 * knowledge base or shape leads: "xxxxxxxx", a name), so a conversation can keep the language it was in.
 */
export function tryLatinLanguage(
  text: string,
  words: readonly string[],
  candidates: readonly string[],
  vocabulary?: LatinVocabulary,
  commonWords: CommonWords = getCommonWords(),
): string | undefined {
  const rawWords = text.normalize('NFC').toLowerCase().match(RAW_WORD_RE) ?? [];
  const scores = candidates.map((candidate) => {
    const language = primary(candidate);
    // Letters every other candidate writes as well tell nothing between them.
    const others = candidates.filter((c) => c !== candidate).map((c) => LATIN_LETTERS[primary(c)] ?? '');
    const shared = [...(LATIN_LETTERS[language] ?? '')]
      .filter((ch) => others.every((o) => o.includes(ch)))
      .join('');
    return evidence(language, words, rawWords, shared, commonWords);
  });
  const top = Math.max(...scores);
  const tied = candidates.filter((_, i) => scores[i] === top);
  if (tied.length === 1) return tied[0] as string;
  // A tie: the knowledge base's own words first (a one-word "humano" has no common word, letter or shape lead).
  const own = vocabulary === undefined ? undefined : vocabularyLeader(words, tied, vocabulary);
  if (own !== undefined) return own;
  // Then the shape of the words, where a rival of the first must lead by a margin.
  const shapes = tied.map((c) => {
    const shape = SHAPES[primary(c)];
    return shape === undefined ? 0 : words.filter((w) => w.length > 2 && shape.test(w)).length;
  });
  const bestShape = Math.max(...shapes);
  const winners = tied.filter((_, i) => shapes[i] === bestShape);
  const first = shapes[0] as number;
  if (winners.length === 1 && bestShape >= first + SHAPE_MARGIN) return winners[0] as string;
  return top === 0 && bestShape === 0 ? undefined : (tied[0] as string);
}
