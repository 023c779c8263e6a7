// Text cleaning for customer messages: unicode, case, contractions, amounts and punctuation made uniform.

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
// A number, optionally with thousands separators and decimals: "1,000.50" is one amount, not three tokens.
const NUMBER_RE = /\d+(?:[.,]\d+)*/g;
const CONTRACTION_RE = /\b[a-z]+'[a-z]+\b/g;
const NON_WORD_RE = /[^a-z0-9\s]+/g;
const SPACE_RE = /\s+/g;

export interface CleanOptions {
  /** Replace every number by this token (`"0"` by default): the value rarely decides the intent. */
  numberToken?: string;
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

/**
 * Normalises a message for the classifier and retrieval: NFKC, lower case, curly quotes straightened,
 * contractions expanded, currency symbols spelled out, numbers replaced by one token, punctuation dropped,
 * whitespace (including line breaks) collapsed.
 *
 * @example cleanText("I can’t see my £20 top-up!") // "i can not see my pound 0 top up"
 */
export function cleanText(text: string, options: CleanOptions = {}): string {
  const numberToken = options.numberToken ?? '0';
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(QUOTES, "'")
    .replace(CONTRACTION_RE, expandContraction)
    .replace(CURRENCY_RE, (symbol) => CURRENCY[symbol] ?? ' ')
    .replace(NUMBER_RE, ` ${numberToken} `)
    .replace(NON_WORD_RE, ' ')
    .replace(SPACE_RE, ' ')
    .trim();
}

/** Splits cleaned text into words. */
export function tokenize(cleaned: string): string[] {
  return cleaned.length === 0 ? [] : cleaned.split(' ');
}
