// TF-IDF over hashed n-grams: a fitted vocabulary of hash keys, sublinear tf, per-block L2 normalisation.
import { CHAR_FLAG, DEFAULT_NGRAMS, forEachNgram, type NgramOptions } from './ngram-hashes.ts';
import type { AccentMode } from './text-cleaning.ts';

/** A sparse vector: parallel column indices (ascending not required) and values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface VectorizerOptions extends NgramOptions {
  /** Keep n-grams seen in at least this many documents; default 2 (drops typos and one-offs). */
  minDf: number;
  /** Weight of the word block relative to the char block after each is L2-normalised; default 1. */
  wordWeight: number;
  /** How the text was cleaned before tokenising (kept here so an artifact cleans as it was trained); default fold. */
  accents: AccentMode;
  /** Whether the tokens carried the message's punctuation (`classifierTokens`); default false. */
  punctuation: boolean;
  /** Research hook: weight of the side block (tokens marked with \u0005, unigrams only); default 0.5. */
  sideWeight?: number;
}

const SIDE_CODE = 5;
const SIDE_SEED = 0x2545f491;

/** Side tokens' keys (unigrams, own seed) and the other tokens, or undefined when there is no side token. */
function splitSide(tokens: readonly string[]): { rest: readonly string[]; side: number[] } | undefined {
  if (!tokens.some((t) => t.charCodeAt(0) === SIDE_CODE)) return undefined;
  const rest: string[] = [];
  const side: number[] = [];
  for (const t of tokens) {
    if (t.charCodeAt(0) !== SIDE_CODE) {
      rest.push(t);
      continue;
    }
    let h = SIDE_SEED;
    for (let i = 1; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 0x01000193);
    side.push((h >>> 0) & 0x7fffffff);
  }
  return { rest, side };
}

/** forEachNgram plus the side tokens' keys (flagged by `onSide`). */
function forEachKey(
  tokens: readonly string[],
  options: VectorizerOptions,
  emit: (key: number) => void,
  onSide?: (key: number) => void,
): void {
  const split = splitSide(tokens);
  if (split === undefined) return forEachNgram(tokens, options, emit);
  forEachNgram(split.rest, options, emit);
  for (const key of split.side) {
    onSide?.(key);
    emit(key);
  }
}

export const DEFAULT_VECTORIZER: VectorizerOptions = Object.freeze({
  ...DEFAULT_NGRAMS,
  minDf: 2,
  wordWeight: 1,
  accents: 'fold',
  punctuation: false,
});

/** The fitted state: which hash keys are columns, and their idf. Plain typed arrays so it serialises as is. */
export interface VectorizerState {
  options: VectorizerOptions;
  /** Hash key of each column. */
  keys: Uint32Array;
  /** Inverse document frequency of each column. */
  idf: Float32Array;
  /** Research hook: keys of the side block's columns. */
  sideKeys?: Set<number>;
}

export interface Vectorizer {
  readonly state: VectorizerState;
  readonly dim: number;
  /** Vector of one tokenised message; allocation is one pair of typed arrays. */
  transform(tokens: readonly string[]): SparseVector;
}

/** Learns the vocabulary and idf from tokenised documents. */
export function fitVectorizer(
  docs: readonly (readonly string[])[],
  options: Partial<VectorizerOptions> = {},
): Vectorizer {
  const full: VectorizerOptions = { ...DEFAULT_VECTORIZER, ...options };
  const df = new Map<number, number>();
  const seen = new Set<number>();
  const sideKeys = new Set<number>();
  for (const doc of docs) {
    seen.clear();
    forEachKey(
      doc,
      full,
      (key) => seen.add(key),
      (key) => sideKeys.add(key),
    );
    for (const key of seen) df.set(key, (df.get(key) ?? 0) + 1);
  }
  const kept: number[] = [];
  for (const [key, count] of df) if (count >= full.minDf) kept.push(key);
  kept.sort((a, b) => a - b);
  const keys = Uint32Array.from(kept);
  const idf = new Float32Array(keys.length);
  const n = docs.length;
  for (let i = 0; i < keys.length; i++)
    idf[i] = Math.log((1 + n) / (1 + (df.get(keys[i] as number) as number))) + 1;
  return createVectorizer(
    sideKeys.size > 0 ? { options: full, keys, idf, sideKeys } : { options: full, keys, idf },
  );
}

/** Rebuilds a vectorizer from its state (for example after decoding an artifact). */
export function createVectorizer(state: VectorizerState): Vectorizer {
  const { keys, idf } = state;
  // Artifacts written before an option existed get its default.
  const options: VectorizerOptions = { ...DEFAULT_VECTORIZER, ...state.options };
  const column = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) column.set(keys[i] as number, i);
  const side = new Uint8Array(keys.length);
  if (state.sideKeys !== undefined)
    for (let i = 0; i < keys.length; i++) side[i] = state.sideKeys.has(keys[i] as number) ? 1 : 0;
  const sideWeight = options.sideWeight ?? 0.5;
  // Scratch space reused across calls: counts per column and the list of touched columns.
  const counts = new Float32Array(keys.length);
  let touched = new Int32Array(256);
  return {
    state,
    dim: keys.length,
    transform(tokens) {
      let nTouched = 0;
      forEachKey(tokens, options, (key) => {
        const col = column.get(key);
        if (col === undefined) return;
        if (counts[col] === 0) {
          if (nTouched === touched.length) {
            const grown = new Int32Array(touched.length * 2);
            grown.set(touched);
            touched = grown;
          }
          touched[nTouched++] = col;
        }
        counts[col] = (counts[col] as number) + 1;
      });
      const indices = touched.slice(0, nTouched);
      const values = new Float32Array(nTouched);
      let wordNorm = 0;
      let charNorm = 0;
      let sideNorm = 0;
      for (let i = 0; i < nTouched; i++) {
        const col = indices[i] as number;
        // Sublinear tf: the tenth "card" says less than the first.
        const v = (1 + Math.log(counts[col] as number)) * (idf[col] as number);
        counts[col] = 0;
        values[i] = v;
        if (side[col] === 1) sideNorm += v * v;
        else if (((keys[col] as number) & CHAR_FLAG) !== 0) charNorm += v * v;
        else wordNorm += v * v;
      }
      const wordScale = wordNorm > 0 ? options.wordWeight / Math.sqrt(wordNorm) : 0;
      const charScale = charNorm > 0 ? 1 / Math.sqrt(charNorm) : 0;
      const sideScale = sideNorm > 0 ? sideWeight / Math.sqrt(sideNorm) : 0;
      let total = 0;
      for (let i = 0; i < nTouched; i++) {
        const col = indices[i] as number;
        const isChar = ((keys[col] as number) & CHAR_FLAG) !== 0;
        const v = (values[i] as number) * (side[col] === 1 ? sideScale : isChar ? charScale : wordScale);
        values[i] = v;
        total += v * v;
      }
      const scale = total > 0 ? 1 / Math.sqrt(total) : 0;
      for (let i = 0; i < nTouched; i++) values[i] = (values[i] as number) * scale;
      return { indices, values };
    },
  };
}
