// Dense blocks (a sentence embedding, character vectors) appended after a sparse feature vector's columns.
import type { SparseVector } from './tfidf-vectorizer.ts';

/** Appends a (unit-norm) embedding as dense columns after the TF-IDF block. */
export function appendEmbedding(
  x: SparseVector,
  dim: number,
  embedding: Float32Array | undefined,
  size: number,
  weight: number,
): SparseVector {
  if (size === 0) return x;
  const indices = new Int32Array(x.indices.length + size);
  const values = new Float32Array(x.values.length + size);
  indices.set(x.indices);
  values.set(x.values);
  for (let e = 0; e < size; e++) {
    indices[x.indices.length + e] = dim + e;
    values[x.values.length + e] = embedding === undefined ? 0 : (embedding[e] ?? 0) * weight;
  }
  return { indices, values };
}
