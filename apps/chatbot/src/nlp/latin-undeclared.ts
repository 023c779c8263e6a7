// Whether a Latin-script message is in a language the knowledge base does not declare (French or Polish to en/es).
import { LATIN_LANGUAGES, LATIN_LETTERS } from './latin-language-lists.ts';
import type { LatinVocabulary } from './latin-languages.ts';
import { getLatinProposer, getLatinScorer, type LatinProposer } from './latin-ngram-profile.ts';
import { getAllCommonWords } from './latin-more-words.ts';

// Fewer letter words than this tell nothing: one word is as often a name, a product or a word two languages share.
const MIN_WORDS = 2;
// Up to this many words, the undeclared language must lead the declared ones ("is in" is English and Dutch alike),
// by SHORT_LEAD unless a word holds a letter only it writes: among 31 languages' common words, two English words are
// often two of another's ("for god" Danish, "plans may" Tagalog, "wait til" Danish; bench/RESULTS.md, 1 Dec 17:15).
const SHORT_WORDS = 3;
const SHORT_LEAD = 2;
// ... or by one when its character n-grams outweigh every declared language's this many times over: "ho cambiato
// indirizzo" has one Italian common word and n-grams Spanish and English lack (bench/RESULTS.md, 1 Dec 20:30).
const SHORT_NGRAM_RATIO = 2;
const LETTER_WORD = /^\p{L}+$/u;
const RAW_WORD_RE = /[\p{L}\p{M}¿¡]+/gu;

const primary = (tag: string) => tag.split('-')[0]?.toLowerCase() ?? tag;

// Languages eld's n-grams take for a near one: a proposal of one is the other when the knowledge base declares that
// one (its Norwegian customers are not told Danish is not spoken). eld has Malay and no Indonesian.
const NEAR: Record<string, string> = { da: 'no', no: 'da', cs: 'sk', sk: 'cs', ms: 'id' };

// Languages eld's n-grams take for one another (Norwegian for Danish, Catalan for Portuguese or Italian) and the
// message's common words and letters may tell apart. Against every Latin-script language instead, the tuning
// messages lost one ("dobrý deň, potrebujem pomoc s kartou" Czech) and gained none (bench/RESULTS.md, 1 Dec 20:40).
const SIBLINGS: Record<string, readonly string[]> = {
  da: ['no', 'sv'],
  no: ['da', 'sv'],
  sv: ['da', 'no'],
  cs: ['sk'],
  sk: ['cs'],
  pt: ['ca'],
  it: ['ca'],
  es: ['ca'],
};

// Languages whose short messages eld's n-grams miss or take for another ("Hej, kan ni hjälpa mig?" Yoruba, "dekuji moc"
// none, "moje karta v obchodě nefunguje" Slovenian): one whose common words and letters outweigh the proposal's by
// RESCUE_LEAD is proposed instead (bench/RESULTS.md, 2 Dec 00:00).
const RESCUED = ['sv', 'da', 'no', 'cs', 'sk'];
const RESCUE_LEAD = 2;

const commonIn = (language: string, words: readonly string[]) => {
  const common = getAllCommonWords().get(language);
  return common === undefined ? 0 : words.filter((w) => common.has(w)).length;
};

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
): { total: number; letters: number } {
  const common = getAllCommonWords().get(language);
  let n = common === undefined ? 0 : words.filter((w) => w.length > 1 && common.has(w)).length;
  const own = [...(LATIN_LETTERS[language] ?? '')].filter((ch) =>
    others.every((o) => !(LATIN_LETTERS[o] ?? '').includes(ch)),
  );
  const letters = rawWords.filter((raw) => [...raw].some((ch) => own.includes(ch))).length;
  if (declared !== undefined && vocabulary !== undefined)
    n += words.filter((w) => vocabulary.get(w)?.has(declared) === true && common?.has(w) !== true).length;
  return { total: n + letters, letters };
}

/**
 * The undeclared Latin-script language of a message, or undefined when it may be in one of `declared` (the knowledge
 * base's Latin-script languages). Two must agree: `propose` (by default the n-gram profile of latin-ngram-profile.ts,
 * Nito-ELD's scoring over its 31 Latin-script languages) names one `declared` does not hold, nor its near one (NEAR),
 * and the message's own words do not read more as a declared language (common words, letters, words of the
 * knowledge base); a message of up to three words must read more as the undeclared one, by two unless a word holds
 * a letter only it writes. A message of one word is never taken for one: "merci" or "danke" alone keeps the
 * conversation's language.
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
  let proposed = propose(text);
  const declaredOrNear = (l: string) => ours.includes(l) || (NEAR[l] !== undefined && ours.includes(NEAR[l]));
  if (proposed !== undefined && (!LATIN_LANGUAGES.includes(proposed) || declaredOrNear(proposed)))
    return undefined;
  // Malay or Indonesian by their common words, Indonesian on a tie: the language of far more customers.
  if (proposed === 'ms' && commonIn('id', letterWords) >= commonIn('ms', letterWords)) proposed = 'id';
  const rawWords = text.normalize('NFC').toLowerCase().match(RAW_WORD_RE) ?? [];
  proposed = rescued(proposed, letterWords, rawWords, ours, declaredOrNear) ?? proposed;
  if (proposed === undefined) return undefined;
  const all = [...ours, proposed];
  const othersOf = (l: string) => (ours.includes(l) ? all.filter((o) => o !== l) : ours);
  const scoreOf = (l: string, i: number) =>
    score(l, letterWords, rawWords, othersOf(l), vocabulary, declared[i]);
  const best = Math.max(...ours.map((l, i) => scoreOf(l, i).total));
  const theirs = score(proposed, letterWords, rawWords, ours, undefined, undefined);
  const short = letterWords.length <= SHORT_WORDS;
  if (short) {
    const lead = theirs.letters > 0 || ngramRatio(text, proposed, ours) >= SHORT_NGRAM_RATIO ? 1 : SHORT_LEAD;
    return theirs.total >= best + lead ? named(proposed, letterWords, rawWords, ours) : undefined;
  }
  return theirs.total >= best ? named(proposed, letterWords, rawWords, ours) : undefined;
}

/**
 * The language of RESCUED not declared (nor near a declared one) whose common words and letters outweigh the
 * proposal's by RESCUE_LEAD, and no other's as much; else undefined. Against a proposal it must also write a letter
 * neither it nor a declared language writes ("hjälpa", "děkuji"): "store pretty far" has two Danish common words.
 */
function rescued(
  proposed: string | undefined,
  words: readonly string[],
  rawWords: readonly string[],
  ours: readonly string[],
  declaredOrNear: (language: string) => boolean,
): string | undefined {
  const candidates = RESCUED.filter((l) => l !== proposed && !declaredOrNear(l));
  const against = proposed === undefined ? ours : [...ours, proposed];
  const scores = candidates.map((l) => score(l, words, rawWords, against, undefined, undefined));
  const top = Math.max(0, ...scores.map((x) => x.total));
  const best = scores.findIndex((x) => x.total === top);
  if (best < 0 || scores.filter((x) => x.total === top).length !== 1) return undefined;
  if (proposed === undefined) return top >= RESCUE_LEAD ? candidates[best] : undefined;
  const own = score(proposed, words, rawWords, candidates, undefined, undefined).total;
  return top >= own + RESCUE_LEAD && (scores[best]?.letters ?? 0) > 0 ? candidates[best] : undefined;
}

/**
 * How many times `proposed`'s n-gram score is the best of `declared`'s; 0 when none has any: an English message
 * often has none of English's 2,000 heaviest n-grams ("verify top ups", "via google"), so no n-gram tells there.
 */
function ngramRatio(text: string, proposed: string, declared: readonly string[]): number {
  const { languages, score } = getLatinScorer();
  const scores = score(text);
  const of = (l: string) => {
    const i = languages.indexOf(l);
    return i < 0 ? 0 : (scores[i] as number);
  };
  const best = Math.max(0, ...declared.map(of));
  return best > 0 ? of(proposed) / best : 0;
}

/**
 * The undeclared language the message's own words read as most: `proposed`, unless one of its SIBLINGS not
 * `declared` (nor near one of them) has more of its common words and of words with a letter `proposed` does not
 * write than `proposed` has against it, and no other sibling as many ("hei, takk" is Norwegian, not Danish).
 */
function named(
  proposed: string,
  words: readonly string[],
  rawWords: readonly string[],
  declared: readonly string[],
): string {
  let best = proposed;
  let top = 0;
  let tied = false;
  for (const other of SIBLINGS[proposed] ?? []) {
    const near = NEAR[other];
    if (other === proposed || declared.includes(other) || (near !== undefined && declared.includes(near)))
      continue;
    const margin =
      score(other, words, rawWords, [proposed], undefined, undefined).total -
      score(proposed, words, rawWords, [other], undefined, undefined).total;
    if (margin > top) [best, top, tied] = [other, margin, false];
    else if (margin === top && margin > 0) tied = true;
  }
  return tied ? proposed : best;
}
