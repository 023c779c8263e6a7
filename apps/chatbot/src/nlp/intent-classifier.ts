// The intent classifier at inference: clean -> TF-IDF (+ optional sentence embedding, + character block, + a shipped
// character table's block) -> linear scores -> calibrated softmax (averaged with a hidden-layer member's) -> per-class
// offsets.
import { createOptimizer } from '@suite/shared/ml';
import { createCharEmbeddings, type CharEmbeddingState } from './char-embeddings.ts';
import { charTableEmbeddings, type CharTable } from './char-table.ts';
import { averageInto, memberFeatures, type HiddenLayerMember } from './hidden-layer-member.ts';
import { hiddenLayerProbabilities, learnHiddenLayerModel } from './hidden-layer-model.ts';
import { classifierTokens, tokenOptionsOf } from './classifier-tokens.ts';
import {
  createVectorizer,
  type SparseVector,
  type Vectorizer,
  type VectorizerState,
} from './tfidf-vectorizer.ts';
import { temperatureFor } from './language-temperatures.ts';
import { scoreInto, softmaxInPlace, stepExample, type LinearModel } from './linear-model.ts';
import { appendEmbedding } from './dense-block.ts';

export { appendEmbedding } from './dense-block.ts';

/** Everything a trained classifier consists of; this is what the artifact stores. */
export interface IntentClassifierData {
  labels: string[];
  vectorizer: VectorizerState;
  model: LinearModel;
  /** Softmax temperature fitted on held-out data. */
  temperature: number;
  /**
   * Temperatures of a multilingual knowledge base's languages, each fitted on its own held-out rows; a message in a
   * language without one uses `temperature`. Absent for single-language sets (and artifacts before format 4).
   */
  languageTemperatures?: Readonly<Record<string, number>>;
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
  /**
   * A character table built outside training (data/char-table.bin), its message mean appended after the character
   * block; null when trained without one (spaced scripts, small sets, artifacts of formats 1 to 3).
   */
  charTable: CharTable | null;
  /** Scale of the table's block (0 without one). */
  charTableWeight: number;
  /**
   * A hidden-layer model over the TF-IDF and character blocks whose probabilities are averaged with the linear
   * model's (before the class offsets); null when trained without one (small or spaced-script sets, formats 1-4).
   */
  hiddenLayer: HiddenLayerMember | null;
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
  /**
   * Classifies one message. `embedding` is used only when the classifier was trained with embeddings; `language`
   * (the message's, as detected) picks that language's temperature when the classifier has one.
   */
  predict(text: string, embedding?: Float32Array, language?: string): IntentPrediction;
  /** Features of a message, for training and evaluation. */
  features(text: string, embedding?: Float32Array): SparseVector;
  /**
   * Folds one labelled message into the weights in place (online learning from feedback): a few plain SGD
   * steps on the multiclass hinge until the right intent wins by a margin, and, with a hidden-layer member, a few
   * of cross-entropy on the member until it gives the right intent 0.9, so the averaged answer moves about as far as a
   * linear model's alone (bench/RESULTS.md, 1 Dec 2026, 03:45 UTC). Returns false for an unknown intent.
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
/**
 * The member's online steps: plain SGD at 0.05 until it gives the corrected intent 0.9, at most 20 steps. Banking77
 * train, 80/20 split, 50 corrections (bench/online-learning.ts, RESULTS.md 1 Dec 2026): a corrected message's intent
 * 0.96 (0.59 when the linear half alone learned, 1.00 without a member); the other held-out rows lose 13-14 points
 * (5 then, 15-22 without a member; 29 at rate 0.5).
 */
const MEMBER_ONLINE = Object.freeze({ rate: 0.05, target: 0.9, maxSteps: 20 });

/** Builds a classifier around trained data (freshly trained or decoded from an artifact). */
export function createIntentClassifier(data: IntentClassifierData): IntentClassifier {
  const vectorizer: Vectorizer = createVectorizer(data.vectorizer);
  const classes = data.labels.length;
  const scores = new Float64Array(classes);
  const labelIndex = new Map(data.labels.map((l, i) => [l, i]));
  const sgd = createOptimizer({ kind: 'sgd', learningRate: ONLINE_RATE }, 0);
  const tokenOptions = tokenOptionsOf(data.vectorizer.options);

  const chars = data.charEmbeddings === null ? undefined : createCharEmbeddings(data.charEmbeddings);
  const table = data.charTable === null ? undefined : charTableEmbeddings(data.charTable);

  const member = data.hiddenLayer;
  const memberOut = new Float64Array(classes);
  const memberHidden = new Float64Array(member?.model.hidden ?? 0);
  const charDim = chars?.dim ?? 0;

  /** The linear model's features, and the TF-IDF vector and character block the hidden-layer member reads. */
  function blocks(text: string, embedding?: Float32Array) {
    const tfidf = vectorizer.transform(classifierTokens(text, tokenOptions));
    let x = appendEmbedding(tfidf, vectorizer.dim, embedding, data.embeddingDim, data.embeddingWeight);
    let at = vectorizer.dim + data.embeddingDim;
    const charBlock = chars?.embed(text);
    if (chars !== undefined) {
      x = appendEmbedding(x, at, charBlock, chars.dim, data.charEmbeddingWeight);
      at += chars.dim;
    }
    if (table !== undefined) x = appendEmbedding(x, at, table.embed(text), table.dim, data.charTableWeight);
    return { x, tfidf, charBlock };
  }

  function features(text: string, embedding?: Float32Array): SparseVector {
    return blocks(text, embedding).x;
  }

  /** Calibrated probabilities into `scores` when a member is averaged in: mean, then the offsets, renormalised. */
  function averaged(
    tfidf: SparseVector,
    charBlock: Float32Array | undefined,
    m: HiddenLayerMember,
    temperature: number,
  ): void {
    softmaxInPlace(scores, temperature);
    const input = memberFeatures(tfidf, vectorizer.dim, charBlock, charDim, m.charWeight);
    hiddenLayerProbabilities(m.model, input, memberOut, memberHidden);
    averageInto(scores, memberOut, m.weight);
    const b = data.classOffsets;
    if (b === null) return;
    let z = 0;
    for (let k = 0; k < classes; k++) z += scores[k] = (scores[k] as number) * Math.exp(b[k] as number);
    for (let k = 0; k < classes; k++) scores[k] = (scores[k] as number) / z;
  }

  return {
    data,
    labels: data.labels,
    features,
    predict(text, embedding, language) {
      const { x, tfidf, charBlock } = blocks(text, embedding);
      scoreInto(data.model, x, scores);
      const t = temperatureFor(data.temperature, data.languageTemperatures, language);
      const b = data.classOffsets;
      if (member !== null) averaged(tfidf, charBlock, member, t);
      else {
        // (s + T b) / T = s / T + b: the offsets live on the calibrated scale, the softmax divides by T.
        if (b !== null)
          for (let k = 0; k < classes; k++) scores[k] = (scores[k] as number) + t * (b[k] as number);
        softmaxInPlace(scores, t);
      }
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
      if (member !== null) {
        // The member holds half the answer: left alone, a correction moved it about half as far.
        const { tfidf, charBlock } = blocks(text, embedding);
        const input = memberFeatures(tfidf, vectorizer.dim, charBlock, charDim, member.charWeight);
        learnHiddenLayerModel(member.model, input, y, MEMBER_ONLINE);
      }
      return true;
    },
  };
}
