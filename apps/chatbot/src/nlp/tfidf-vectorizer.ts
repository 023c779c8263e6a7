// TF-IDF over hashed n-grams: a fitted vocabulary of hash keys, sublinear tf, per-block L2 normalisation.
import { CHAR_FLAG, DEFAULT_NGRAMS, forEachNgram, type NgramOptions } from './ngram-hashes.ts';
import type { LookupTables } from './lookup-tables.ts';
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
  /**
   * Named lists whose matches became tokens (`classifierTokens`), kept so an artifact matches as it was trained;
   * absent: none (artifacts before the option existed).
   */
  lookupTables?: LookupTables;
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
  for (const doc of docs) {
    seen.clear();
    forEachNgram(doc, full, (key) => seen.add(key));
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
  return createVectorizer({ options: full, keys, idf });
}

/** Rebuilds a vectorizer from its state (for example after decoding an artifact). */
export function createVectorizer(state: VectorizerState): Vectorizer {
  const { keys, idf } = state;
  // Artifacts written before an option existed get its default.
  const options: VectorizerOptions = { ...DEFAULT_VECTORIZER, ...state.options };
  const column = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) column.set(keys[i] as number, i);
  // Scratch space reused across calls: counts per column and the list of touched columns.
  const counts = new Float32Array(keys.length);
  let touched = new Int32Array(256);
  return {
    state,
    dim: keys.length,
    transform(tokens) {
      let nTouched = 0;
      forEachNgram(tokens, options, (key) => {
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
      for (let i = 0; i < nTouched; i++) {
        const col = indices[i] as number;
        // Sublinear tf: the tenth "card" says less than the first.
        const v = (1 + Math.log(counts[col] as number)) * (idf[col] as number);
        counts[col] = 0;
        values[i] = v;
        if (((keys[col] as number) & CHAR_FLAG) !== 0) charNorm += v * v;
        else wordNorm += v * v;
      }
      const wordScale = wordNorm > 0 ? options.wordWeight / Math.sqrt(wordNorm) : 0;
      const charScale = charNorm > 0 ? 1 / Math.sqrt(charNorm) : 0;
      let total = 0;
      for (let i = 0; i < nTouched; i++) {
        const isChar = ((keys[indices[i] as number] as number) & CHAR_FLAG) !== 0;
        const v = (values[i] as number) * (isChar ? charScale : wordScale);
        values[i] = v;
        total += v * v;
      }
      const scale = total > 0 ? 1 / Math.sqrt(total) : 0;
      for (let i = 0; i < nTouched; i++) values[i] = (values[i] as number) * scale;
      return { indices, values };
    },
  };
}
