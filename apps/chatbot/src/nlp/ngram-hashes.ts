// Hashed n-gram keys of a message: word 1-2 grams and char 2-5 grams inside word boundaries, no substrings built.

/** Which n-grams a message yields. */
export interface NgramOptions {
  /** Longest word n-gram (1 = unigrams only); default 2. */
  wordMax: number;
  /** Shortest and longest char n-gram, taken inside " word " as scikit-learn's char_wb does; default 2..5. */
  charMin: number;
  charMax: number;
}

export const DEFAULT_NGRAMS: NgramOptions = Object.freeze({ wordMax: 2, charMin: 2, charMax: 5 });

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Distinct seeds keep a word "ab" and the char gram "ab" apart.
const WORD_SEED = 0x9747b28c;
const CHAR_SEED = FNV_OFFSET;
const SPACE = 32;

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
  let previous = 0;
  for (let t = 0; t < tokens.length; t++) {
    const word = tokens[t] as string;
    const h = fnvString(word, WORD_SEED);
    if (wordMax >= 1) emit(h & 0x7fffffff);
    if (wordMax >= 2 && t > 0) emit(mix(previous, h) & 0x7fffffff);
    previous = h;
    if (charMax < charMin) continue;
    // Padded word " word ": position -1 and length are the spaces.
    const padded = word.length + 2;
    for (let start = 0; start < padded; start++) {
      let ch = CHAR_SEED;
      const maxLen = Math.min(charMax, padded - start);
      for (let len = 1; len <= maxLen; len++) {
        const pos = start + len - 1;
        const code = pos === 0 || pos === padded - 1 ? SPACE : word.charCodeAt(pos - 1);
        ch = Math.imul(ch ^ code, FNV_PRIME);
        if (len >= charMin) emit(((ch >>> 0) | CHAR_FLAG) >>> 0);
      }
    }
  }
}
