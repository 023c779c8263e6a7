// Character embeddings learned from a training set's own texts (issue 11's `w = Ex`, no labels, no download):
// positive PMI of characters co-occurring within a window, factorised by a truncated randomised SVD.
import type { Rng } from '@suite/shared/ml';
import { sparseMultiply, topLeftSubspace, type SparseMatrix } from './sparse-ppmi-svd.ts';

export interface CharEmbeddingOptions {
  /** Length of a character's vector: the singular directions kept (at most the number of characters seen). */
  dim: number;
  /** Characters on each side of a character that count as its context. */
  window: number;
  /** Exponent on the context counts before PMI (word2vec's 0.75 lowers the PMI of rare contexts). */
  smoothing: number;
  /** Subspace iterations of the randomised SVD. */
  passes: number;
}

export const DEFAULT_CHAR_EMBEDDINGS: CharEmbeddingOptions = Object.freeze({
  dim: 32,
  window: 2,
  smoothing: 0.75,
  passes: 4,
});

/** The fitted vectors, as plain typed arrays so an artifact stores them as they are. */
export interface CharEmbeddingState {
  /** The characters that have a vector, one code point each, in row order. */
  chars: string;
  dim: number;
  /** `chars` x `dim`, row-major; each row has unit length. */
  vectors: Float32Array;
}

export interface CharEmbeddings {
  readonly state: CharEmbeddingState;
  readonly dim: number;
  /** A character's vector (a view on the state), or undefined for a character not seen in training. */
  vector(char: string): Float32Array | undefined;
  /** The unit-length mean of a message's known characters' vectors; all zeros when none is known. */
  embed(text: string): Float32Array;
}

// Letters and digits of any script, after the same normalisation as the message cleaning's first steps.
const CHARACTER = /[\p{L}\p{N}]/u;
const normalise = (text: string): string => text.normalize('NFKC').toLowerCase();

/** Positive PMI of (character, context character) pairs as coordinate triples over `V` characters. */
function ppmi(seqs: readonly Int32Array[], V: number, o: CharEmbeddingOptions): SparseMatrix {
  const pairs = new Map<number, number>();
  const count = new Float64Array(V);
  for (const s of seqs)
    for (let i = 0; i < s.length; i++) {
      const a = s[i] as number;
      for (let j = Math.max(0, i - o.window); j <= Math.min(s.length - 1, i + o.window); j++) {
        if (j === i) continue;
        const key = a * V + (s[j] as number);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
        count[a] = (count[a] as number) + 1;
      }
    }
  const ctx = Float64Array.from(count, (c) => c ** o.smoothing);
  const ctxTotal = ctx.reduce((a, b) => a + b, 0);
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  for (const [key, n] of pairs) {
    const i = Math.floor(key / V);
    const j = key % V;
    const pmi = Math.log((n * ctxTotal) / ((count[i] as number) * (ctx[j] as number)));
    if (pmi <= 0) continue;
    rows.push(i);
    cols.push(j);
    values.push(pmi);
  }
  return { rows: Int32Array.from(rows), cols: Int32Array.from(cols), values: Float64Array.from(values) };
}

/**
 * PPMI-SVD vectors of `V` symbols from their id sequences: rows of U_k sqrt(S_k), unit length, row-major V x k
 * (k = min(dim, V)). Any symbol (a character, a word) works; deterministic for a given `rng` seed.
 */
export function fitPpmiSvd(
  seqs: readonly Int32Array[],
  V: number,
  o: CharEmbeddingOptions,
  rng: Rng,
): { dim: number; vectors: Float32Array } {
  const k = Math.min(o.dim, V);
  const m = ppmi(seqs, V, o);
  // Randomised subspace iteration: Q <- orth(M (M^T Q)) converges to the top left singular directions.
  const q = topLeftSubspace(m, V, V, k, o.passes, rng);
  const tmp = new Float64Array(V * k);
  // The columns of M Q have norms ~ S: dividing each by the square root of its norm leaves U sqrt(S).
  sparseMultiply(m, k, q, V, tmp, V, false);
  const vectors = new Float32Array(V * k);
  const colScale = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let n = 0;
    for (let r = 0; r < V; r++) n += (tmp[c * V + r] as number) ** 2;
    colScale[c] = Math.sqrt(Math.sqrt(n)) || 1;
  }
  const row = new Float64Array(k);
  for (let r = 0; r < V; r++) {
    let n = 0;
    for (let c = 0; c < k; c++) n += (row[c] = (tmp[c * V + r] as number) / (colScale[c] as number)) ** 2;
    n = Math.sqrt(n) || 1;
    for (let c = 0; c < k; c++) vectors[r * k + c] = (row[c] as number) / n;
  }
  return { dim: k, vectors };
}

/**
 * Fits PPMI-SVD vectors for the characters (letters and digits) of `texts`: rows of U_k sqrt(S_k), unit length.
 * Deterministic for a given `rng` seed.
 *
 * @example const chars = fitCharEmbeddings(['放一首歌', '唱一首曲'], { dim: 4 }, createRng(1)); chars.embed('放歌')
 */
export function fitCharEmbeddings(
  texts: readonly string[],
  options: Partial<CharEmbeddingOptions>,
  rng: Rng,
): CharEmbeddings {
  const o: CharEmbeddingOptions = { ...DEFAULT_CHAR_EMBEDDINGS, ...options };
  const index = new Map<string, number>();
  const seqs = texts.map((t) => {
    const ids: number[] = [];
    for (const ch of normalise(t)) {
      if (!CHARACTER.test(ch)) continue;
      let i = index.get(ch);
      if (i === undefined) index.set(ch, (i = index.size));
      ids.push(i);
    }
    return Int32Array.from(ids);
  });
  const { dim, vectors } = fitPpmiSvd(seqs, index.size, o, rng);
  return createCharEmbeddings({ chars: [...index.keys()].join(''), dim, vectors });
}
/** Rebuilds the embeddings from their state (freshly fitted or decoded from an artifact). */
export function createCharEmbeddings(state: CharEmbeddingState): CharEmbeddings {
  const { dim, vectors } = state;
  const row = new Map<number, number>();
  let r = 0;
  for (const ch of state.chars) row.set(ch.codePointAt(0) as number, r++);
  if (r * dim !== vectors.length)
    throw new RangeError(`char embeddings: ${r} characters x ${dim} != ${vectors.length} values`);
  const sum = new Float64Array(dim);
  return {
    state,
    dim,
    vector(char) {
      const at = row.get(char.codePointAt(0) ?? -1);
      return at === undefined || [...char].length !== 1
        ? undefined
        : vectors.subarray(at * dim, (at + 1) * dim);
    },
    embed(text) {
      sum.fill(0);
      for (const ch of normalise(text)) {
        const at = row.get(ch.codePointAt(0) as number);
        if (at === undefined) continue;
        for (let c = 0, base = at * dim; c < dim; c++)
          sum[c] = (sum[c] as number) + (vectors[base + c] as number);
      }
      let n = 0;
      for (let c = 0; c < dim; c++) n += (sum[c] as number) ** 2;
      n = Math.sqrt(n) || 1;
      return Float32Array.from(sum, (x) => x / n);
    },
  };
}
