// Hashed n-gram keys of a message: word 1-2 grams, char 2-5 grams inside words, char 1-2 grams across CJK runs.
import { LOOKUP_MARK } from './lookup-tables.ts';
import { isUnspacedWord } from './word-segmentation.ts';

/** Which n-grams a message yields. */
export interface NgramOptions {
  /** Longest word n-gram (1 = unigrams only); default 2. */
  wordMax: number;
  /** Shortest and longest char n-gram, taken inside " word " as scikit-learn's char_wb does; default 2..5. */
  charMin: number;
  charMax: number;
  /**
   * Shortest and longest char n-gram over a run of words in a script written without spaces (Chinese, Japanese,
   * Thai, ...), taken across the segmenter's word boundaries, as scikit-learn's `char` analyzer does; default 1..2.
   * Such words get no within-word char n-grams: a dictionary segmenter's cut is a guess, the characters are not.
   */
  cjkCharMin: number;
  cjkCharMax: number;
  /**
   * Word pairs with 1..wordGap words between them ("card _ arrived"), as word features; 0 or absent: none (artifacts
   * trained before the option existed).
   */
  wordGap?: number;
  /** Word pairs at every distance up to wordGap share one key ("card ... arrived"); default false. */
  wordGapTied?: boolean;
}

export const DEFAULT_NGRAMS: NgramOptions = Object.freeze({
  wordMax: 2,
  charMin: 2,
  charMax: 5,
  cjkCharMin: 1,
  cjkCharMax: 2,
});

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Distinct seeds keep a word "ab" and the char gram "ab" apart.
const WORD_SEED = 0x9747b28c;
const CHAR_SEED = FNV_OFFSET;
const SPACE = 32;
// Salt of a word pair's distance, so "a _ b", "a _ _ b" and the bigram "a b" are different keys.
const GAP_SALT = 0x5bd1e995;
// First code unit of the scripts written without spaces (Thai U+0E00 is the lowest); cheaper than a regex first.
const UNSPACED_MIN = 0x0e00;
const LOOKUP_CODE = LOOKUP_MARK.charCodeAt(0);

/** Feature kinds: the high bit of the key separates word from char features so each block can be weighted. */
export const CHAR_FLAG = 0x80000000;

function fnvString(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x27d4eb2d, 0x165667b1) ^ b;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca77);
  return (h ^ (h >>> 13)) >>> 0;
}

// Code points of the word or run being hashed; reused so hashing allocates nothing per message.
let scratch = new Int32Array(256);

function ensureScratch(length: number): void {
  if (length <= scratch.length) return;
  const grown = new Int32Array(Math.max(length, scratch.length * 2));
  grown.set(scratch);
  scratch = grown;
}

/** Char n-grams of `scratch[0..length)` padded with a space at each end, lengths min..max, into `emit`. */
function emitCharGrams(length: number, min: number, max: number, emit: (key: number) => void): void {
  const padded = length + 2;
  for (let start = 0; start < padded; start++) {
    let ch = CHAR_SEED;
    const maxLen = Math.min(max, padded - start);
    for (let len = 1; len <= maxLen; len++) {
      const pos = start + len - 1;
      const code = pos === 0 || pos === padded - 1 ? SPACE : (scratch[pos - 1] as number);
      ch = Math.imul(ch ^ code, FNV_PRIME);
      // A lone padding space is no feature.
      if (len >= min && !(len === 1 && code === SPACE)) emit(((ch >>> 0) | CHAR_FLAG) >>> 0);
    }
  }
}

/**
 * Calls `emit(key)` once per n-gram occurrence of the tokens. Word keys have the high bit clear,
 * char keys have it set ({@link CHAR_FLAG}); the rest is a 31-bit hash.
 */
export function forEachNgram(
  tokens: readonly string[],
  options: NgramOptions,
  emit: (key: number) => void,
): void {
  const { wordMax, charMin, charMax } = options;
  const cjkMin = options.cjkCharMin ?? DEFAULT_NGRAMS.cjkCharMin;
  const cjkMax = options.cjkCharMax ?? DEFAULT_NGRAMS.cjkCharMax;
  let previous = 0;
  const gap = options.wordGap ?? 0;
  const history = gap > 0 ? new Uint32Array(tokens.length) : undefined;
  const tied = options.wordGapTied === true;
  // Length of the current run of unspaced-script words in `scratch`, flushed when a spaced word or the end comes.
  let run = 0;
  for (let t = 0; t < tokens.length; t++) {
    const word = tokens[t] as string;
    const h = fnvString(word, WORD_SEED);
    // A lookup table's token is one word feature: no pair with its neighbour, no char n-grams of the list's name.
    if (word.charCodeAt(0) === LOOKUP_CODE) {
      emit(h & 0x7fffffff);
      continue;
    }
    if (wordMax >= 1) emit(h & 0x7fffffff);
    if (wordMax >= 2 && t > 0) emit(mix(previous, h) & 0x7fffffff);
    previous = h;
    if (history !== undefined) {
      history[t] = h;
      for (let g = 1; g <= gap && t - g - 1 >= 0; g++)
        emit(mix((history[t - g - 1] as number) ^ Math.imul(tied ? 1 : g, GAP_SALT), h) & 0x7fffffff);
    }
    if (word.charCodeAt(0) >= UNSPACED_MIN && isUnspacedWord(word)) {
      ensureScratch(run + word.length);
      for (let i = 0; i < word.length; i++) {
        const cp = word.codePointAt(i) as number;
        scratch[run++] = cp;
        if (cp > 0xffff) i++;
      }
      continue;
    }
    if (run > 0 && cjkMax >= cjkMin) emitCharGrams(run, cjkMin, cjkMax, emit);
    run = 0;
    if (charMax < charMin) continue;
    ensureScratch(word.length);
    for (let i = 0; i < word.length; i++) scratch[i] = word.charCodeAt(i);
    emitCharGrams(word.length, charMin, charMax, emit);
  }
  if (run > 0 && cjkMax >= cjkMin) emitCharGrams(run, cjkMin, cjkMax, emit);
}
