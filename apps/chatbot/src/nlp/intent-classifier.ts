// The intent classifier at inference: clean -> TF-IDF (+ optional sentence embedding, + character block) -> linear
// scores -> (+ per-class offsets) -> calibrated softmax.
import { createOptimizer } from '@suite/shared/ml';
import { createCharEmbeddings, type CharEmbeddingState } from './char-embeddings.ts';
import { classifierTokens } from './classifier-tokens.ts';
import {
  createVectorizer,
  type SparseVector,
  type Vectorizer,
  type VectorizerState,
} from './tfidf-vectorizer.ts';
import { scoreInto, softmaxInPlace, stepExample, type LinearModel } from './linear-model.ts';

/** Everything a trained classifier consists of; this is what the artifact stores. */
export interface IntentClassifierData {
  labels: string[];
  vectorizer: VectorizerState;
  model: LinearModel;
  /** Softmax temperature fitted on held-out data. */
  temperature: number;
  /**
   * Per-class offsets added to the tempered scores before the softmax (softmax(s / T + b)), fitted on held-out
   * data; null when trained without them (spaced scripts, small sets, artifacts of formats 1 and 2).
   */
  classOffsets: Float32Array | null;
  /** Below this calibrated confidence the message is out of scope. */
  minConfidence: number;
  /** Length of the sentence embedding appended to the features; 0 when trained without an encoder. */
  embeddingDim: number;
  /** Scale of the embedding block relative to the unit-norm TF-IDF block. */
  embeddingWeight: number;
  /**
   * Character embeddings learned from the training texts; a message's unit mean vector is appended after the
   * sentence embedding. Null when the classifier was trained without them (spaced scripts, tiny sets).
   */
  charEmbeddings: CharEmbeddingState | null;
  /** Scale of the character block relative to the unit-norm TF-IDF block (0 without one). */
  charEmbeddingWeight: number;
  /** Free-form facts about the training run (counts, timings, hold-out accuracy). */
  info: Record<string, unknown>;
}

export interface IntentScore {
  intent: string;
  confidence: number;
}

export interface IntentPrediction extends IntentScore {
  /** True when no intent reaches `minConfidence`. */
  outOfScope: boolean;
  /** The best few intents, highest first (the first one is `intent`). */
  ranked: IntentScore[];
}

export interface IntentClassifier {
  readonly data: IntentClassifierData;
  readonly labels: readonly string[];
  /** Classifies one message. `embedding` is used only when the classifier was trained with embeddings. */
  predict(text: string, embedding?: Float32Array): IntentPrediction;
  /** Features of a message, for training and evaluation. */
  features(text: string, embedding?: Float32Array): SparseVector;
  /**
   * Folds one labelled message into the weights in place (online learning from feedback): a few plain SGD
   * steps on the multiclass hinge until the right intent wins by a margin. Returns false for an unknown intent.
   */
  learn(text: string, intent: string, embedding?: Float32Array): boolean;
}

const ONLINE_RATE = 0.5;
const RANKED = 3;

/** Indices of the `k` largest values, largest first: one pass, no sort of all classes. */
function topK(values: Float64Array, k: number): number[] {
  const best: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (best.length === k && v <= (values[best[k - 1] as number] as number)) continue;
    let at = best.length < k ? best.length : k - 1;
    while (at > 0 && (values[best[at - 1] as number] as number) < v) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}
const ONLINE_MAX_STEPS = 5;

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

/** Builds a classifier around trained data (freshly trained or decoded from an artifact). */
export function createIntentClassifier(data: IntentClassifierData): IntentClassifier {
  const vectorizer: Vectorizer = createVectorizer(data.vectorizer);
  const classes = data.labels.length;
  const scores = new Float64Array(classes);
  const labelIndex = new Map(data.labels.map((l, i) => [l, i]));
  const sgd = createOptimizer({ kind: 'sgd', learningRate: ONLINE_RATE }, 0);
  const tokenOptions = {
    accents: data.vectorizer.options.accents ?? 'fold',
    punctuation: data.vectorizer.options.punctuation ?? false,
  };

  const chars = data.charEmbeddings === null ? undefined : createCharEmbeddings(data.charEmbeddings);

  function features(text: string, embedding?: Float32Array): SparseVector {
    const x = vectorizer.transform(classifierTokens(text, tokenOptions));
    const withEmbedding = appendEmbedding(
      x,
      vectorizer.dim,
      embedding,
      data.embeddingDim,
      data.embeddingWeight,
    );
    if (chars === undefined) return withEmbedding;
    const at = vectorizer.dim + data.embeddingDim;
    return appendEmbedding(withEmbedding, at, chars.embed(text), chars.dim, data.charEmbeddingWeight);
  }

  return {
    data,
    labels: data.labels,
    features,
    predict(text, embedding) {
      const x = features(text, embedding);
      scoreInto(data.model, x, scores);
      const b = data.classOffsets;
      // (s + T b) / T = s / T + b: the offsets live on the calibrated scale, the softmax divides by T.
      if (b !== null)
        for (let k = 0; k < classes; k++)
          scores[k] = (scores[k] as number) + data.temperature * (b[k] as number);
      softmaxInPlace(scores, data.temperature);
      const ranked = topK(scores, RANKED).map((k) => ({
        intent: data.labels[k] as string,
        confidence: scores[k] as number,
      }));
      const best = ranked[0] ?? { intent: '', confidence: 0 };
      // A message with no known n-gram or character has no features at all (the dense blocks are zeros then):
      // nothing is confident about it.
      const outOfScope = !x.values.some((v) => v !== 0) || best.confidence < data.minConfidence;
      return { ...best, outOfScope, ranked };
    },
    learn(text, intent, embedding) {
      const y = labelIndex.get(intent);
      if (y === undefined) return false;
      const x = features(text, embedding);
      const scratch = new Float64Array(classes);
      for (let step = 0; step < ONLINE_MAX_STEPS; step++) {
        if (stepExample(data.model, x, y, 'hinge', sgd, sgd, 0, scratch) <= 0) break;
      }
      return true;
    },
  };
}
