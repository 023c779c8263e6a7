// Row vectors from weighted (row, context) co-occurrences of any kind (characters against neighbouring words of a
// language model, characters against characters of a word list): positive PMI, then the same randomised truncated
// SVD as the app's character block (src/nlp/char-embeddings.ts, which calls
// topLeftSubspace below), rows U sqrt(S) at unit length.
import type { Rng } from '@suite/shared/ml';

/** Weighted co-occurrence counts, summed per (row, context) pair. */
export interface CooccurrenceCounts {
  add(row: number, context: number, weight: number): void;
  readonly size: number;
  entries(): IterableIterator<[number, number]>;
  readonly contexts: number;
}

/** An accumulator over `contexts` context ids (the key row * contexts + context stays an exact double). */
export function createCounts(contexts: number): CooccurrenceCounts {
  const m = new Map<number, number>();
  return {
    contexts,
    add(row, context, weight) {
      if (!(weight > 0)) return;
      const key = row * contexts + context;
      m.set(key, (m.get(key) ?? 0) + weight);
    },
    get size() {
      return m.size;
    },
    entries: () => m.entries(),
  };
}

export interface PpmiSvdOptions {
  dim: number;
  /** Exponent on the context marginals before PMI (0.75 as in word2vec and the app). */
  smoothing: number;
  passes: number;
}

/** A sparse matrix as coordinate triples: entry e is `values[e]` at (`rows[e]`, `cols[e]`). */
export interface SparseMatrix {
  rows: Int32Array;
  cols: Int32Array;
  values: Float64Array;
}

/** Orthonormalises the k columns of a rows x k column-major matrix in place (modified Gram-Schmidt). */
function orthonormalise(m: Float64Array, rows: number, k: number): void {
  for (let c = 0; c < k; c++) {
    const col = c * rows;
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += (m[col + r] as number) * (m[p * rows + r] as number);
      for (let r = 0; r < rows; r++) m[col + r] = (m[col + r] as number) - dot * (m[p * rows + r] as number);
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += (m[col + r] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < rows; r++) m[col + r] = (m[col + r] as number) / norm;
  }
}

/** dst (dstN x k, column-major) = M src, or M^T src when `transpose` (src srcN x k, column-major). */
export function sparseMultiply(
  m: SparseMatrix,
  k: number,
  src: Float64Array,
  srcN: number,
  dst: Float64Array,
  dstN: number,
  transpose: boolean,
): void {
  dst.fill(0);
  const from = transpose ? m.cols : m.rows;
  const to = transpose ? m.rows : m.cols;
  for (let e = 0; e < m.values.length; e++) {
    const i = from[e] as number;
    const j = to[e] as number;
    const v = m.values[e] as number;
    for (let c = 0; c < k; c++)
      dst[c * dstN + i] = (dst[c * dstN + i] as number) + v * (src[c * srcN + j] as number);
  }
}

/**
 * The randomised subspace iteration both PPMI-SVD fits share: Q <- orth(M (M^T Q)) from a Gaussian start, `passes`
 * times. Returns Q (rows x k, column-major, orthonormal columns), which spans the top left singular directions.
 */
export function topLeftSubspace(
  m: SparseMatrix,
  rows: number,
  cols: number,
  k: number,
  passes: number,
  rng: Rng,
): Float64Array {
  const q = new Float64Array(rows * k);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalise(q, rows, k);
  const t = new Float64Array(cols * k);
  for (let pass = 0; pass < passes; pass++) {
    sparseMultiply(m, k, q, rows, t, cols, true);
    sparseMultiply(m, k, t, cols, q, rows, false);
    orthonormalise(q, rows, k);
  }
  return q;
}

/** `rows` x dim vectors (row-major, unit length; all zero for a row without positive PMI). */
export function ppmiSvd(
  counts: CooccurrenceCounts,
  rows: number,
  o: PpmiSvdOptions,
  rng: Rng,
): { dim: number; vectors: Float32Array; nonZero: number } {
  const C = counts.contexts;
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(C);
  for (const [key, w] of counts.entries()) {
    const r = Math.floor(key / C);
    rowSum[r] = (rowSum[r] as number) + w;
    colSum[key - r * C] = (colSum[key - r * C] as number) + w;
  }
  const ctx = Float64Array.from(colSum, (c) => c ** o.smoothing);
  const ctxTotal = ctx.reduce((a, b) => a + b, 0);
  const ri: number[] = [];
  const ci: number[] = [];
  const vs: number[] = [];
  for (const [key, w] of counts.entries()) {
    const r = Math.floor(key / C);
    const c = key - r * C;
    const pmi = Math.log((w * ctxTotal) / ((rowSum[r] as number) * (ctx[c] as number)));
    if (pmi <= 0) continue;
    ri.push(r);
    ci.push(c);
    vs.push(pmi);
  }
  const m: SparseMatrix = {
    rows: Int32Array.from(ri),
    cols: Int32Array.from(ci),
    values: Float64Array.from(vs),
  };
  const k = o.dim;
  const q = topLeftSubspace(m, rows, C, k, o.passes, rng);
  const t = new Float64Array(C * k);
  // Q's columns span the top left singular directions; B = Q^T M, U S = Q (B B^T)^(1/2) ~ M M^T Q / S. The app's
  // shortcut: M M^T Q has column norms S^2, so dividing by the square root of S leaves U S^(1/2)... via M^T Q.
  sparseMultiply(m, k, q, rows, t, C, true);
  const u = new Float64Array(rows * k);
  sparseMultiply(m, k, t, C, u, rows, false);
  const vectors = new Float32Array(rows * k);
  const scale = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let n = 0;
    for (let r = 0; r < rows; r++) n += (u[c * rows + r] as number) ** 2;
    scale[c] = n ** 0.75 || 1;
  }
  let nonZero = 0;
  for (let r = 0; r < rows; r++) {
    let n = 0;
    for (let c = 0; c < k; c++) n += ((u[c * rows + r] as number) / (scale[c] as number)) ** 2;
    n = Math.sqrt(n);
    if (n === 0) continue;
    nonZero++;
    for (let c = 0; c < k; c++) vectors[r * k + c] = (u[c * rows + r] as number) / (scale[c] as number) / n;
  }
  return { dim: k, vectors, nonZero };
}
