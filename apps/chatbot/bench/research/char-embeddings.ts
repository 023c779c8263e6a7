// Character embeddings learned from the training texts alone (issue 11's "w = Ex" without labels): positive PMI of
// characters co-occurring within a window, factorised by a truncated SVD (randomised subspace iteration).
import type { Rng } from '@suite/shared/ml';

export interface CharEmbeddings {
  dim: number;
  /** Embedding of each character seen in training (rows U_k * sqrt(S_k), L2-normalised). */
  vectors: Map<string, Float64Array>;
}

/** Orthonormalises the k columns of a V x k column-major matrix in place (modified Gram-Schmidt). */
function orthonormalise(m: Float64Array, rows: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let r = 0; r < rows; r++) dot += (m[c * rows + r] as number) * (m[p * rows + r] as number);
      for (let r = 0; r < rows; r++)
        m[c * rows + r] = (m[c * rows + r] as number) - dot * (m[p * rows + r] as number);
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += (m[c * rows + r] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let r = 0; r < rows; r++) m[c * rows + r] = (m[c * rows + r] as number) / norm;
  }
}

/** PPMI-SVD embeddings of the characters of `texts` (symmetric window, context distribution smoothed by 0.75). */
export function fitCharEmbeddings(
  texts: readonly string[],
  k: number,
  window: number,
  rng: Rng,
): CharEmbeddings {
  const index = new Map<string, number>();
  const seqs = texts.map((t) =>
    [...t.normalize('NFKC').toLowerCase()]
      .filter((ch) => /[\p{L}\p{N}]/u.test(ch))
      .map((ch) => {
        let i = index.get(ch);
        if (i === undefined) index.set(ch, (i = index.size));
        return i;
      }),
  );
  const V = index.size;
  const pairs = new Map<number, number>();
  const count = new Float64Array(V);
  for (const s of seqs)
    for (let i = 0; i < s.length; i++)
      for (let j = Math.max(0, i - window); j <= Math.min(s.length - 1, i + window); j++) {
        if (j === i) continue;
        const key = (s[i] as number) * V + (s[j] as number);
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
        count[s[i] as number] = (count[s[i] as number] as number) + 1;
      }
  const ctx = Float64Array.from(count, (c) => c ** 0.75);
  const ctxTotal = ctx.reduce((a, b) => a + b, 0);
  // Sparse PPMI rows: [row, col, value].
  const entries: number[] = [];
  for (const [key, n] of pairs) {
    const i = Math.floor(key / V);
    const j = key % V;
    const pmi = Math.log((n * ctxTotal) / ((count[i] as number) * (ctx[j] as number)));
    if (pmi > 0) entries.push(i, j, pmi);
  }
  // Randomised subspace iteration on the symmetric-ish PPMI matrix M: Q <- orth(M (M^T Q)).
  const q = new Float64Array(V * k);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalise(q, V, k);
  const tmp = new Float64Array(V * k);
  const multiply = (src: Float64Array, dst: Float64Array, transpose: boolean) => {
    dst.fill(0);
    for (let e = 0; e < entries.length; e += 3) {
      const i = transpose ? (entries[e + 1] as number) : (entries[e] as number);
      const j = transpose ? (entries[e] as number) : (entries[e + 1] as number);
      const v = entries[e + 2] as number;
      for (let c = 0; c < k; c++)
        dst[c * V + i] = (dst[c * V + i] as number) + v * (src[c * V + j] as number);
    }
  };
  for (let it = 0; it < 4; it++) {
    multiply(q, tmp, true);
    multiply(tmp, q, false);
    orthonormalise(q, V, k);
  }
  // Rows of M Q approximate U S (projected); scale to sqrt(S) by dividing each column by sqrt of its norm.
  multiply(q, tmp, false);
  const vectors = new Map<string, Float64Array>();
  const colNorm = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let n = 0;
    for (let r = 0; r < V; r++) n += (tmp[c * V + r] as number) ** 2;
    colNorm[c] = Math.sqrt(Math.sqrt(n)) || 1;
  }
  for (const [ch, r] of index) {
    const v = new Float64Array(k);
    let n = 0;
    for (let c = 0; c < k; c++) n += (v[c] = (tmp[c * V + r] as number) / (colNorm[c] as number)) ** 2;
    n = Math.sqrt(n) || 1;
    for (let c = 0; c < k; c++) v[c] = (v[c] as number) / n;
    vectors.set(ch, v);
  }
  return { dim: k, vectors };
}

/** Mean of a message's known character vectors, L2-normalised (all zeros when none is known). */
export function embedMessage(e: CharEmbeddings, text: string): Float32Array {
  const out = new Float64Array(e.dim);
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const v = e.vectors.get(ch);
    if (v !== undefined) for (let c = 0; c < e.dim; c++) out[c] = (out[c] as number) + (v[c] as number);
  }
  const n = Math.sqrt(out.reduce((a, b) => a + b * b, 0)) || 1;
  return Float32Array.from(out, (x) => x / n);
}
