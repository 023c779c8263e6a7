// Which of a knowledge base's languages a message is in: by script first, then by common words within a script.
import { HAN_EVIDENCE_THRESHOLD, type HanLanguageModel } from './han-language-model.ts';
import { hanEvidence } from './han-repertoires.ts';
import { latinLanguage, tryLatinLanguage, type LatinVocabulary } from './latin-languages.ts';
import { cleanText } from './text-cleaning.ts';
import { segmentWords } from './word-segmentation.ts';

/** Scripts told apart by their letters, and the languages (ISO 639-1) usually written in each. */
const SCRIPTS: ReadonlyArray<{ test: RegExp; languages: readonly string[] }> = [
  // Kana before Han: Japanese mixes both, Chinese has no kana.
  { test: /[\p{sc=Hiragana}\p{sc=Katakana}]/u, languages: ['ja'] },
  { test: /\p{sc=Han}/u, languages: ['zh', 'ja'] },
  { test: /\p{sc=Hangul}/u, languages: ['ko'] },
  { test: /\p{sc=Cyrillic}/u, languages: ['ru', 'uk', 'bg', 'sr'] },
  { test: /\p{sc=Arabic}/u, languages: ['ar', 'fa', 'ur'] },
  { test: /\p{sc=Greek}/u, languages: ['el'] },
  { test: /\p{sc=Hebrew}/u, languages: ['he'] },
  { test: /\p{sc=Thai}/u, languages: ['th'] },
  { test: /\p{sc=Lao}/u, languages: ['lo'] },
  { test: /\p{sc=Khmer}/u, languages: ['km'] },
  { test: /\p{sc=Myanmar}/u, languages: ['my'] },
  { test: /\p{sc=Devanagari}/u, languages: ['hi', 'mr', 'ne'] },
  { test: /\p{sc=Bengali}/u, languages: ['bn', 'as'] },
  { test: /\p{sc=Tamil}/u, languages: ['ta'] },
  { test: /\p{sc=Telugu}/u, languages: ['te'] },
  { test: /\p{sc=Kannada}/u, languages: ['kn'] },
  { test: /\p{sc=Malayalam}/u, languages: ['ml'] },
  { test: /\p{sc=Gujarati}/u, languages: ['gu'] },
  { test: /\p{sc=Gurmukhi}/u, languages: ['pa'] },
  { test: /\p{sc=Sinhala}/u, languages: ['si'] },
  { test: /\p{sc=Georgian}/u, languages: ['ka'] },
  { test: /\p{sc=Armenian}/u, languages: ['hy'] },
  { test: /\p{sc=Ethiopic}/u, languages: ['am', 'ti'] },
  { test: /\p{sc=Latin}/u, languages: ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl'] },
];

/** The primary subtag of a language tag: "zh-Hans" -> "zh". */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag;
}

// Indexes of kana, Han and Latin in SCRIPTS.
const KANA = 0;
const HAN = 1;
const LATIN = SCRIPTS.length - 1;
// Chinese tags written in traditional characters, which Japanese shares more of than it does simplified ones.
const TRADITIONAL = /^zh-(hant|tw|hk|mo)\b/i;

/** What a knowledge base's own texts add to the script rules (see `getLanguageEvidence` in src/kb). */
export interface LanguageEvidence {
  /** Chinese against Japanese when the characters cannot tell: a model of the knowledge base's texts in each. */
  han?: HanLanguageModel;
  /** Latin-script languages tied by common words and letters: the words only one of them writes in its texts. */
  latin?: LatinVocabulary;
}

/**
 * Chinese or Japanese for a message whose Han words outnumber the rest: any kana says Japanese (Chinese has
 * none), then characters only one of them writes that way (変 or 込 against 账 or 还), then characters simplified
 * Chinese never uses (証, 銀) unless the Chinese is traditional, then, when `han` is given, the knowledge base's
 * own texts in each language unless their evidence is weak; undefined when nothing tells.
 */
export function chineseOrJapanese(
  text: string,
  hasKana: boolean,
  zh: string,
  ja: string,
  han?: HanLanguageModel,
): string | undefined {
  if (hasKana) return ja;
  const evidence = hanEvidence(text);
  if (evidence.japanese !== evidence.chinese) return evidence.japanese > evidence.chinese ? ja : zh;
  if (evidence.notSimplified > 0 && !TRADITIONAL.test(zh)) return ja;
  const score = han?.score(text) ?? 0;
  if (score > HAN_EVIDENCE_THRESHOLD) return ja;
  if (score < -HAN_EVIDENCE_THRESHOLD) return zh;
  return undefined;
}

function scriptOf(word: string): number {
  for (let s = 0; s < SCRIPTS.length; s++)
    if ((SCRIPTS[s] as (typeof SCRIPTS)[number]).test.test(word)) return s;
  return -1;
}

/**
 * The language of `text` among `languages` (a knowledge base's, first = default): the script with most words
 * decides ("我的visa卡被锁了" is Chinese: five Chinese words to one English), and within a script shared by
 * several declared languages: Latin, the one with most of its common words and letters in the message
 * (`latinLanguage`: "¿", "ñ", "hola" say Spanish); Chinese and Japanese, kana, then characters only one of them
 * writes that way, then the knowledge base's own texts in each, given as `evidence`. Digits, symbols or an
 * undeclared script give the default.
 *
 * @example detectLanguage('我的新卡还没有到', ['en', 'zh']) // "zh"
 * @example detectLanguage('¿Dónde está mi tarjeta?', ['en', 'es']) // "es"
 */
export function detectLanguage(
  text: string,
  languages: readonly string[],
  evidence: LanguageEvidence = {},
): string {
  return decideLanguage(text, languages, evidence, false) ?? languages[0] ?? 'en';
}

/**
 * {@link detectLanguage}, or undefined when the message tells nothing (digits, emoji, a script no declared language
 * writes, Latin letters without a common word, letter, word of the knowledge base or shape of one language): a
 * conversation then keeps the language it was in. A knowledge base of one language always gets that one.
 */
export function tryDetectLanguage(
  text: string,
  languages: readonly string[],
  evidence: LanguageEvidence = {},
): string | undefined {
  return decideLanguage(text, languages, evidence, true);
}

function decideLanguage(
  text: string,
  languages: readonly string[],
  evidence: LanguageEvidence,
  onlyWithEvidence: boolean,
): string | undefined {
  const fallback = languages[0] ?? 'en';
  if (languages.length < 2) return fallback;
  const words = segmentWords(cleanText(text));
  const perScript = new Array<number>(SCRIPTS.length).fill(0);
  for (const w of words) {
    const s = scriptOf(w);
    if (s >= 0) perScript[s] = (perScript[s] as number) + 1;
  }
  // Scripts by word count; the first whose languages include a declared one decides.
  const order = perScript
    .map((count, s) => ({ count, s }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || a.s - b.s);
  for (const { s } of order) {
    const script = SCRIPTS[s] as (typeof SCRIPTS)[number];
    const candidates = languages.filter((l) => script.languages.includes(primaryLanguage(l)));
    if (candidates.length === 0) continue;
    if (candidates.length === 1) return candidates[0] as string;
    const zh = candidates.find((l) => primaryLanguage(l) === 'zh');
    const ja = candidates.find((l) => primaryLanguage(l) === 'ja');
    if (s === HAN && zh !== undefined && ja !== undefined) {
      const decided = chineseOrJapanese(text, (perScript[KANA] as number) > 0, zh, ja, evidence.han);
      if (decided !== undefined) return decided;
    }
    if (s === LATIN)
      return (onlyWithEvidence ? tryLatinLanguage : latinLanguage)(text, words, candidates, evidence.latin);
    return candidates[0] as string;
  }
  return onlyWithEvidence ? undefined : fallback;
}
