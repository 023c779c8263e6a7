// Text cleaning for customer messages in any script: NFKC, case folding, accents, contractions, amounts, punctuation.
import { segmentWords } from './word-segmentation.ts';

/** Contractions that do not follow the regular `n't` / `'re` / `'ve` patterns. */
const IRREGULAR: Record<string, string> = {
  "can't": 'can not',
  cannot: 'can not',
  "won't": 'will not',
  "shan't": 'shall not',
  "ain't": 'is not',
  "let's": 'let us',
  "it's": 'it is',
  "that's": 'that is',
  "what's": 'what is',
  "where's": 'where is',
  "there's": 'there is',
  "here's": 'here is',
  "who's": 'who is',
  "how's": 'how is',
  "he's": 'he is',
  "she's": 'she is',
  "i'm": 'i am',
  "y'all": 'you all',
};

/** Currency symbols become words so "£20" and "20 pounds" share features. */
const CURRENCY: Record<string, string> = {
  $: ' dollar ',
  '£': ' pound ',
  '€': ' euro ',
  '¥': ' yen ',
  '₹': ' rupee ',
};

const QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g;
const CURRENCY_RE = /[$£€¥₹]/g;
// A number in any script's decimal digits, with thousands separators and decimals: "1,000.50" is one amount.
const NUMBER_RE = /\p{Nd}+(?:[.,]\p{Nd}+)*/gu;
// English contractions only: an apostrophe between other letters ("l'argent") just splits the word.
const CONTRACTION_RE = /\b[a-z]+'[a-z]+\b/g;
// Letters, digits and combining marks of every script survive; marks matter beyond accents (Devanagari vowel
// signs, Thai tone marks, Japanese voicing marks are all \p{M}).
const NON_WORD_RE = /[^\p{L}\p{N}\p{M}\s]+/gu;
const SPACE_RE = /\s+/gu;
// Accents are folded on Latin and Greek letters only, where users commonly type without them ("donde" for
// "dónde"); elsewhere a mark changes the letter (Cyrillic й, Japanese が), so it stays.
const ACCENTED_RE = /([\p{sc=Latin}\p{sc=Greek}])\p{Mn}+/gu;
// Full case folding beyond toLowerCase(): German sharp s and Greek final sigma meet their other spellings.
const CASE_FOLD: Record<string, string> = { ß: 'ss', ẞ: 'ss', ς: 'σ' };
const CASE_FOLD_RE = /[ßẞς]/g;
// Outside printable ASCII (a tab or line break too, which only takes the slower path).
const NON_ASCII_RE = /[^ -~]/;

/** How accents on Latin and Greek letters are treated. */
export type AccentMode = 'fold' | 'keep';

export interface CleanOptions {
  /** Replace every number by this token (`"0"` by default): the value rarely decides the intent. */
  numberToken?: string;
  /** `fold` (default) strips accents from Latin and Greek letters ("dónde" -> "donde"); `keep` leaves them. */
  accents?: AccentMode;
}

function expandContraction(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (word.endsWith("n't")) return `${word.slice(0, -3)} not`;
  if (word.endsWith("'re")) return `${word.slice(0, -3)} are`;
  if (word.endsWith("'ve")) return `${word.slice(0, -3)} have`;
  if (word.endsWith("'ll")) return `${word.slice(0, -3)} will`;
  if (word.endsWith("'d")) return `${word.slice(0, -2)} would`;
  if (word.endsWith("'m")) return `${word.slice(0, -2)} am`;
  // Possessive ("card's", "ATM's"): the owner word carries the meaning.
  if (word.endsWith("'s")) return word.slice(0, -2);
  return word.replace("'", '');
}

/** Strips accents from Latin and Greek letters, leaving every other script's marks in place. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(ACCENTED_RE, '$1').normalize('NFC');
}

/**
 * Normalises a message in any language for the classifier and retrieval: NFKC (full-width forms and
 * compatibility characters become their plain form), case folding where the script has case, accents folded or
 * kept, curly quotes straightened, English contractions expanded, currency symbols spelled out, numbers replaced
 * by one token, punctuation and symbols dropped, whitespace collapsed. Letters and digits of every script stay.
 *
 * @example cleanText("I can’t see my £20 top-up!") // "i can not see my pound 0 top up"
 * @example cleanText("¿Dónde está mi tarjeta？") // "donde esta mi tarjeta"
 * @example cleanText("我的ＶＩＳＡ卡被锁了！") // "我的visa卡被锁了"
 */
export function cleanText(text: string, options: CleanOptions = {}): string {
  const numberToken = options.numberToken ?? '0';
  let s = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(CASE_FOLD_RE, (c) => CASE_FOLD[c] ?? c);
  // Plain ASCII has no accents: skip two normalisations on the common English path.
  if (options.accents !== 'keep' && NON_ASCII_RE.test(s)) s = foldAccents(s);
  return s
    .replace(QUOTES, "'")
    .replace(CONTRACTION_RE, expandContraction)
    .replace(CURRENCY_RE, (symbol) => CURRENCY[symbol] ?? ' ')
    .replace(NUMBER_RE, ` ${numberToken} `)
    .replace(NON_WORD_RE, ' ')
    .replace(SPACE_RE, ' ')
    .trim();
}

/**
 * Splits cleaned text into words: at spaces, and inside runs of scripts written without spaces (Chinese,
 * Japanese, Thai, ...) with the runtime's ICU word segmenter.
 *
 * @example tokenize(cleanText("我的visa卡被锁了")) // ["我的", "visa", "卡", "被", "锁", "了"]
 */
export function tokenize(cleaned: string): string[] {
  return segmentWords(cleaned);
}

/** Cleans and tokenises in one call: the words the classifier and retrieval see. */
export function analyzeText(text: string, options: CleanOptions = {}): string[] {
  return segmentWords(cleanText(text, options));
}
