// Which of a knowledge base's languages a message is in: by script first, then by common words within a script.
import { HAN_EVIDENCE_THRESHOLD, type HanLanguageModel } from './han-language-model.ts';
import { hanEvidence } from './han-repertoires.ts';
import { LATIN_LANGUAGES } from './latin-language-lists.ts';
import {
  latinLanguage,
  tryLatinLanguage,
  type CommonWords,
  type LatinVocabulary,
} from './latin-languages.ts';
import { tryScriptLanguage } from './script-languages.ts';
import { cleanText } from './text-cleaning.ts';
import { segmentWords } from './word-segmentation.ts';

/** Scripts told apart by their letters, and the languages (ISO 639-1) usually written in each. */
const SCRIPTS: ReadonlyArray<{ test: RegExp; code: string; languages: readonly string[] }> = [
  // Kana before Han: Japanese mixes both, Chinese has no kana.
  { test: /[\p{sc=Hiragana}\p{sc=Katakana}]/u, code: 'Jpan', languages: ['ja'] },
  { test: /\p{sc=Han}/u, code: 'Hani', languages: ['zh', 'ja'] },
  { test: /\p{sc=Hangul}/u, code: 'Hang', languages: ['ko'] },
  { test: /\p{sc=Cyrillic}/u, code: 'Cyrl', languages: ['ru', 'uk', 'bg', 'sr', 'be', 'mk', 'kk'] },
  { test: /\p{sc=Arabic}/u, code: 'Arab', languages: ['ar', 'fa', 'ur'] },
  { test: /\p{sc=Greek}/u, code: 'Grek', languages: ['el'] },
  { test: /\p{sc=Hebrew}/u, code: 'Hebr', languages: ['he'] },
  { test: /\p{sc=Thai}/u, code: 'Thai', languages: ['th'] },
  { test: /\p{sc=Lao}/u, code: 'Laoo', languages: ['lo'] },
  { test: /\p{sc=Khmer}/u, code: 'Khmr', languages: ['km'] },
  { test: /\p{sc=Myanmar}/u, code: 'Mymr', languages: ['my'] },
  { test: /\p{sc=Devanagari}/u, code: 'Deva', languages: ['hi', 'mr', 'ne'] },
  { test: /\p{sc=Bengali}/u, code: 'Beng', languages: ['bn', 'as'] },
  { test: /\p{sc=Tamil}/u, code: 'Taml', languages: ['ta'] },
  { test: /\p{sc=Telugu}/u, code: 'Telu', languages: ['te'] },
  { test: /\p{sc=Kannada}/u, code: 'Knda', languages: ['kn'] },
  { test: /\p{sc=Malayalam}/u, code: 'Mlym', languages: ['ml'] },
  { test: /\p{sc=Gujarati}/u, code: 'Gujr', languages: ['gu'] },
  { test: /\p{sc=Gurmukhi}/u, code: 'Guru', languages: ['pa'] },
  { test: /\p{sc=Sinhala}/u, code: 'Sinh', languages: ['si'] },
  { test: /\p{sc=Georgian}/u, code: 'Geor', languages: ['ka'] },
  { test: /\p{sc=Armenian}/u, code: 'Armn', languages: ['hy'] },
  { test: /\p{sc=Ethiopic}/u, code: 'Ethi', languages: ['am', 'ti'] },
  { test: /\p{sc=Oriya}/u, code: 'Orya', languages: ['or'] },
  { test: /\p{sc=Tibetan}/u, code: 'Tibt', languages: ['bo', 'dz'] },
  { test: /\p{sc=Thaana}/u, code: 'Thaa', languages: ['dv'] },
  { test: /\p{sc=Syriac}/u, code: 'Syrc', languages: ['syr'] },
  { test: /\p{sc=Mongolian}/u, code: 'Mong', languages: ['mn'] },
  { test: /\p{sc=Tifinagh}/u, code: 'Tfng', languages: ['zgh', 'tzm'] },
  { test: /\p{sc=Cherokee}/u, code: 'Cher', languages: ['chr'] },
  { test: /\p{sc=Canadian_Aboriginal}/u, code: 'Cans', languages: ['iu', 'cr'] },
  { test: /\p{sc=Latin}/u, code: 'Latn', languages: LATIN_LANGUAGES },
  // Letters of any other script (N'Ko, Javanese, Vai, ...): no declared language writes them, so "und-Zzzz".
  { test: /(?!\p{sc=Common})\p{L}/u, code: 'Zzzz', languages: [] },
];

/** The primary subtag of a language tag: "zh-Hans" -> "zh". */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]?.toLowerCase() ?? tag;
}

// Indexes of kana, Han and Latin in SCRIPTS.
const KANA = 0;
const HAN = 1;
const LATIN = SCRIPTS.findIndex((s) => s.code === 'Latn');
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

const script = (s: number) => SCRIPTS[s] as (typeof SCRIPTS)[number];

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
 * writes that way, then the knowledge base's own texts in each, given as `evidence`. Digits, symbols or a language
 * no declared one is (see `detectMessageLanguage`: Japanese, Korean, Russian) give the default. Latin-script
 * languages are told by the common words of the seven first told apart (en es fr de it pt nl) unless `commonWords`
 * gives more (`getAllCommonWords()` of latin-more-words.ts: the console loads them when a base declares another).
 *
 * @example detectLanguage('我的新卡还没有到', ['en', 'zh']) // "zh"
 * @example detectLanguage('¿Dónde está mi tarjeta?', ['en', 'es']) // "es"
 */
export function detectLanguage(
  text: string,
  languages: readonly string[],
  evidence: LanguageEvidence = {},
  commonWords?: CommonWords,
): string {
  if (languages.length < 2) return languages[0] ?? 'en';
  const words =
    commonWords === undefined ? undefined : { undeclared: () => undefined, commonWords: () => commonWords };
  const found = decideLanguage(text, languages, evidence, false, words);
  return found?.declared === true ? found.language : (languages[0] ?? 'en');
}

/** The language a message is written in, whether or not the knowledge base declares it. */
export interface MessageLanguage {
  /**
   * A declared language, or for an undeclared one the script's language ("ja" for kana, "ko" for Hangul, "el"),
   * or "und-" and the script where several languages write it ("und-Cyrl": Russian, Ukrainian, ...).
   */
  language: string;
  /** Whether `language` is one of the knowledge base's. */
  declared: boolean;
}

/** Tells an undeclared Latin-script language from the declared `candidates` (see `message-language.ts`). */
export type UndeclaredLatinCheck = (
  text: string,
  words: readonly string[],
  candidates: readonly string[],
  evidence: LanguageEvidence,
) => string | undefined;

/** What message-language.ts adds to the Latin-script rules, which the console's pages go without. */
export interface LatinChecks {
  /** May take a Latin-script message for a language none of the declared ones is. */
  undeclared: UndeclaredLatinCheck;
  /** Every Latin-script language's common words, to choose among declared ones by (else the seven first told). */
  commonWords: () => CommonWords;
}

/**
 * The language of `text` as {@link detectLanguage} decides it, declared or not; undefined when nothing tells and
 * `onlyWithEvidence` is set (else the default), with `latin`'s checks when given.
 */
export function decideLanguage(
  text: string,
  languages: readonly string[],
  evidence: LanguageEvidence,
  onlyWithEvidence: boolean,
  latin?: LatinChecks,
): MessageLanguage | undefined {
  const words = segmentWords(cleanText(text));
  const perScript = new Array<number>(SCRIPTS.length).fill(0);
  for (const w of words) {
    const s = scriptOf(w);
    if (s >= 0) perScript[s] = (perScript[s] as number) + 1;
  }
  const hasKana = (perScript[KANA] as number) > 0;
  // With kana the kanji are Japanese too: "新しいカードが届かない" is one Japanese message, not part Chinese.
  if (hasKana) {
    perScript[KANA] = (perScript[KANA] as number) + (perScript[HAN] as number);
    perScript[HAN] = 0;
  }
  const candidatesOf = (s: number) =>
    languages.filter((l) => (SCRIPTS[s] as (typeof SCRIPTS)[number]).languages.includes(primaryLanguage(l)));
  // Scripts by word count, a declared language's first on a tie; the first decides.
  const order = perScript
    .map((count, s) => ({ count, s, declared: candidatesOf(s).length > 0 }))
    .filter((x) => x.count > 0)
    .sort((a, b) => b.count - a.count || Number(b.declared) - Number(a.declared) || a.s - b.s);
  const first = order[0];
  if (first === undefined) return undefined;
  const { s } = first;
  const candidates = candidatesOf(s);
  if (candidates.length === 0) return { language: undeclaredTag(s, text), declared: false };
  if (s === LATIN && latin !== undefined) {
    const other = latin.undeclared(text, words, candidates, evidence);
    if (other !== undefined) return { language: other, declared: false };
  }
  const declared = (language: string | undefined) =>
    language === undefined ? undefined : { language, declared: true };
  const zh = candidates.find((l) => primaryLanguage(l) === 'zh');
  const ja = candidates.find((l) => primaryLanguage(l) === 'ja');
  // Kanji-only Japanese to a base declaring Chinese alone: only characters no Chinese character set holds (変, 込)
  // tell, not traditional forms (証, 銀), which a Chinese customer may well type.
  if (s === HAN && zh !== undefined && ja === undefined && hanFormsOf(text) === 'ja')
    return { language: 'ja', declared: false };
  if (candidates.length === 1) return declared(candidates[0]);
  if (s === HAN && zh !== undefined && ja !== undefined) {
    const decided = chineseOrJapanese(text, hasKana, zh, ja, evidence.han);
    if (decided !== undefined) return declared(decided);
  }
  // Several declared languages of another script (Russian and Ukrainian): its letters and common words.
  if (s !== LATIN && s !== HAN) {
    const named = tryScriptLanguage(script(s).code, text, candidates.map(primaryLanguage));
    const found = candidates.find((l) => primaryLanguage(l) === named);
    if (found !== undefined) return declared(found);
  }
  if (s === LATIN)
    return declared(
      (onlyWithEvidence ? tryLatinLanguage : latinLanguage)(
        text,
        words,
        candidates,
        evidence.latin,
        latin?.commonWords(),
      ),
    );
  return declared(candidates[0]);
}

/**
 * The tag of an undeclared script's language: its only language; for Han, Chinese or Japanese when its forms tell;
 * else the one `tryScriptLanguage` finds ("uk" for Cyrillic with "ї"), else "und-" and the script's ISO 15924 code.
 */
function undeclaredTag(s: number, text: string): string {
  const script = SCRIPTS[s] as (typeof SCRIPTS)[number];
  if (script.languages.length === 1) return script.languages[0] as string;
  if (s === HAN) return hanFormsOf(text) ?? `und-${script.code}`;
  return tryScriptLanguage(script.code, text) ?? `und-${script.code}`;
}

/** "ja" or "zh" when more of the message's characters only that one writes that way (変 against 还). */
function hanFormsOf(text: string): 'ja' | 'zh' | undefined {
  const { japanese, chinese } = hanEvidence(text);
  return japanese > chinese ? 'ja' : chinese > japanese ? 'zh' : undefined;
}
