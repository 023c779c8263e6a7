// Training examples turned into what the linear model learns from: tokens (with augmented variants), labels,
// sample weights and the dense blocks of each example, plus the stratified held-out split.
import type { Rng } from '@suite/shared/ml';
import { createAugmenter, type AugmentOptions } from './augmentation.ts';
import { classifierTokens, type ClassifierTokenOptions } from './classifier-tokens.ts';
import type { CharEmbeddings } from './char-embeddings.ts';
import { appendEmbedding } from './intent-classifier.ts';
import { scoreInto, type LinearModel } from './linear-model.ts';
import type { SparseVector, Vectorizer } from './tfidf-vectorizer.ts';

export interface TrainingExample {
  text: string;
  intent: string;
  /** Sentence embedding of `text`, when an encoder is configured (all examples or none). */
  embedding?: Float32Array;
}

export interface PreparedExamples {
  tokens: string[][];
  labels: Int32Array;
  weights: Float32Array;
  embeddings: (Float32Array | undefined)[];
  /** Character-embedding block of each row (empty when the classifier has none). */
  chars: (Float32Array | undefined)[];
  /** The character table's block of each row (empty when the classifier has none). */
  table: (Float32Array | undefined)[];
}

/** The dense character blocks a training run appends: its own vectors and an outside table's, each optional. */
export interface CharBlocks {
  chars?: CharEmbeddings;
  table?: CharEmbeddings;
}

/**
 * Tokenises examples and adds their augmented variants (training weight `augmentedWeight`). Variants reuse the
 * original's sentence embedding and character block: re-encoding each one would cost more than the variant gains.
 */
export function prepareExamples(
  examples: readonly TrainingExample[],
  labelIndex: Map<string, number>,
  augment: Partial<AugmentOptions> | false,
  augmentedWeight: number,
  rng: Rng,
  tokenOptions: ClassifierTokenOptions,
  blocks: CharBlocks,
): PreparedExamples {
  const out: PreparedExamples = {
    tokens: [],
    labels: new Int32Array(),
    weights: new Float32Array(),
    embeddings: [],
    chars: [],
    table: [],
  };
  const labels: number[] = [];
  const weights: number[] = [];
  const augmenter = augment === false ? undefined : createAugmenter(rng.fork(), augment);
  for (const ex of examples) {
    const t = classifierTokens(ex.text, tokenOptions);
    const y = labelIndex.get(ex.intent) as number;
    const c = blocks.chars?.embed(ex.text);
    const b = blocks.table?.embed(ex.text);
    out.tokens.push(t);
    labels.push(y);
    weights.push(1);
    out.embeddings.push(ex.embedding);
    out.chars.push(c);
    out.table.push(b);
    for (const v of augmenter?.variants(t) ?? []) {
      out.tokens.push(v);
      labels.push(y);
      weights.push(augmentedWeight);
      out.embeddings.push(ex.embedding);
      out.chars.push(c);
      out.table.push(b);
    }
  }
  return { ...out, labels: Int32Array.from(labels), weights: Float32Array.from(weights) };
}

/** Two prepared sets as one, rows of `a` first. */
export function concatPrepared(a: PreparedExamples, b: PreparedExamples): PreparedExamples {
  return {
    tokens: [...a.tokens, ...b.tokens],
    labels: Int32Array.from([...a.labels, ...b.labels]),
    weights: Float32Array.from([...a.weights, ...b.weights]),
    embeddings: [...a.embeddings, ...b.embeddings],
    chars: [...a.chars, ...b.chars],
    table: [...a.table, ...b.table],
  };
}

/** Stratified split: every intent with 3+ examples gives `fraction` (at least one) to the held-out side. */
export function splitHeldOut(
  examples: readonly TrainingExample[],
  fraction: number,
  rng: Rng,
): { fit: TrainingExample[]; held: TrainingExample[] } {
  const byIntent = new Map<string, TrainingExample[]>();
  for (const ex of examples) byIntent.set(ex.intent, [...(byIntent.get(ex.intent) ?? []), ex]);
  const fit: TrainingExample[] = [];
  const held: TrainingExample[] = [];
  for (const group of byIntent.values()) {
    rng.shuffle(group);
    const n = group.length >= 3 && fraction > 0 ? Math.max(1, Math.round(group.length * fraction)) : 0;
    held.push(...group.slice(0, n));
    fit.push(...group.slice(n));
  }
  return { fit, held };
}

/** Dense block sizes and weights appended after the TF-IDF columns, in column order. */
export interface DenseBlocks {
  embeddingDim: number;
  embeddingWeight: number;
  charDim: number;
  charWeight: number;
  tableDim: number;
  tableWeight: number;
}

/**
 * Feature vectors of prepared examples: TF-IDF, then the sentence embedding, the character block and the character
 * table's block.
 */
export function vectorizeExamples(
  vectorizer: Vectorizer,
  p: PreparedExamples,
  b: DenseBlocks,
): SparseVector[] {
  const d = vectorizer.dim;
  return p.tokens.map((t, i) => {
    const x = appendEmbedding(vectorizer.transform(t), d, p.embeddings[i], b.embeddingDim, b.embeddingWeight);
    const withChars = appendEmbedding(x, d + b.embeddingDim, p.chars[i], b.charDim, b.charWeight);
    const at = d + b.embeddingDim + b.charDim;
    return appendEmbedding(withChars, at, p.table[i], b.tableDim, b.tableWeight);
  });
}

/**
 * Raw scores (row-major, one row of `classes` per row) of a prepared set's real rows (weight 1, not augmented
 * copies), their labels, how many the model ranks first and that share.
 */
export function scoreOriginals(
  model: LinearModel,
  xs: readonly SparseVector[],
  set: PreparedExamples,
  classes: number,
): { scores: Float64Array; labels: Int32Array; correct: number; accuracy: number } {
  const originals: number[] = [];
  set.weights.forEach((w, i) => {
    if (w === 1) originals.push(i);
  });
  const scores = new Float64Array(originals.length * classes);
  const labels = Int32Array.from(originals, (i) => set.labels[i] as number);
  const row = new Float64Array(classes);
  let correct = 0;
  originals.forEach((i, n) => {
    scoreInto(model, xs[i] as SparseVector, row);
    scores.set(row, n * classes);
    let best = 0;
    for (let k = 1; k < classes; k++) if ((row[k] as number) > (row[best] as number)) best = k;
    if (best === labels[n]) correct++;
  });
  return { scores, labels, correct, accuracy: originals.length === 0 ? 0 : correct / originals.length };
}
