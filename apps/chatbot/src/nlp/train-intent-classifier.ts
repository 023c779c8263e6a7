// Training pipeline: clean -> (augment) -> fit TF-IDF -> linear model -> temperature on a held-out split -> refit on all.
import { createRng, type Rng } from '@suite/shared/ml';
import { createAugmenter, type AugmentOptions } from './augmentation.ts';
import { appendEmbedding, createIntentClassifier, type IntentClassifier } from './intent-classifier.ts';
import { scoreInto, trainLinearModel, type LinearTrainOptions } from './linear-model.ts';
import { fitTemperature } from './temperature.ts';
import { cleanText, tokenize } from './text-cleaning.ts';
import { fitVectorizer, type SparseVector, type Vectorizer, type VectorizerOptions } from './tfidf-vectorizer.ts';

export interface TrainingExample {
  text: string;
  intent: string;
  /** Sentence embedding of `text`, when an encoder is configured (all examples or none). */
  embedding?: Float32Array;
}

export interface IntentTrainOptions {
  seed: number;
  /** Augmentation of the training utterances; `false` turns it off. */
  augment: Partial<AugmentOptions> | false;
  vectorizer: Partial<VectorizerOptions>;
  linear: Partial<LinearTrainOptions>;
  /** Share of each intent held out to fit the temperature (at least one example of intents with 3 or more). */
  calibrationFraction: number;
  minConfidence: number;
  embeddingWeight: number;
  /** Training weight of an augmented copy relative to a real utterance. */
  augmentedWeight: number;
}

export const DEFAULT_INTENT_TRAINING: IntentTrainOptions = Object.freeze({
  seed: 1,
  augment: false,
  vectorizer: { wordWeight: 1.5 },
  linear: { loss: 'hinge', optimizer: 'adagrad', learningRate: 0.05, epochs: 12, average: false, shrinkMargin: 0.25 },
  calibrationFraction: 0.1,
  minConfidence: 0.3,
  embeddingWeight: 1,
  augmentedWeight: 0.5,
}) as IntentTrainOptions;

interface Prepared {
  tokens: string[][];
  labels: Int32Array;
  weights: Float32Array;
  embeddings: (Float32Array | undefined)[];
}

function prepare(
  examples: readonly TrainingExample[],
  labelIndex: Map<string, number>,
  augment: IntentTrainOptions['augment'],
  augmentedWeight: number,
  rng: Rng,
): Prepared {
  const tokens: string[][] = [];
  const labels: number[] = [];
  const weights: number[] = [];
  const embeddings: (Float32Array | undefined)[] = [];
  const augmenter = augment === false ? undefined : createAugmenter(rng.fork(), augment);
  for (const ex of examples) {
    const t = tokenize(cleanText(ex.text));
    const y = labelIndex.get(ex.intent) as number;
    tokens.push(t);
    labels.push(y);
    weights.push(1);
    embeddings.push(ex.embedding);
    // Variants reuse the original's embedding: re-encoding each one would cost more than the variant gains.
    for (const v of augmenter?.variants(t) ?? []) {
      tokens.push(v);
      labels.push(y);
      weights.push(augmentedWeight);
      embeddings.push(ex.embedding);
    }
  }
  return { tokens, labels: Int32Array.from(labels), weights: Float32Array.from(weights), embeddings };
}

/** Stratified split: every intent with 3+ examples gives `fraction` (at least one) to the held-out side. */
function splitHeldOut(examples: readonly TrainingExample[], fraction: number, rng: Rng): { fit: TrainingExample[]; held: TrainingExample[] } {
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

function vectorize(vectorizer: Vectorizer, p: Prepared, embeddingDim: number, weight: number): SparseVector[] {
  return p.tokens.map((t, i) => appendEmbedding(vectorizer.transform(t), vectorizer.dim, p.embeddings[i], embeddingDim, weight));
}

function fitOnce(examples: readonly TrainingExample[], labels: string[], o: IntentTrainOptions, rng: Rng, embeddingDim: number) {
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const prepared = prepare(examples, labelIndex, o.augment, o.augmentedWeight, rng);
  // The vocabulary comes from real utterances only, so augmentation noise does not grow the feature space.
  const originals = examples.map((ex) => tokenize(cleanText(ex.text)));
  const vectorizer = fitVectorizer(originals, o.vectorizer);
  const xs = vectorize(vectorizer, prepared, embeddingDim, o.embeddingWeight);
  const model = trainLinearModel(xs, prepared.labels, labels.length, vectorizer.dim + embeddingDim, rng.fork(), o.linear, prepared.weights);
  return { vectorizer, model, trainedOn: xs.length };
}

/**
 * Trains an intent classifier from labelled examples. Trains twice: once without a held-out share to fit
 * the softmax temperature, then on everything with that temperature.
 *
 * @example const clf = trainIntentClassifier([{ text: 'where is my card', intent: 'card_arrival' }, ...]);
 */
export function trainIntentClassifier(examples: readonly TrainingExample[], options: Partial<IntentTrainOptions> = {}): IntentClassifier {
  const o: IntentTrainOptions = { ...DEFAULT_INTENT_TRAINING, ...options };
  if (examples.length === 0) throw new RangeError('trainIntentClassifier needs at least one example');
  const started = performance.now();
  const labels = [...new Set(examples.map((e) => e.intent))].sort();
  const embeddingDim = examples[0]?.embedding?.length ?? 0;
  const rng = createRng(o.seed);

  let temperature = 1;
  let heldOutAccuracy: number | null = null;
  const { fit, held } = splitHeldOut(examples, o.calibrationFraction, rng.fork());
  if (held.length > 0) {
    const calib = fitOnce(fit, labels, o, rng.fork(), embeddingDim);
    const scores = new Float64Array(held.length * labels.length);
    const heldLabels = Int32Array.from(held.map((ex) => labels.indexOf(ex.intent)));
    const row = new Float64Array(labels.length);
    let correct = 0;
    held.forEach((ex, n) => {
      const x = appendEmbedding(calib.vectorizer.transform(tokenize(cleanText(ex.text))), calib.vectorizer.dim, ex.embedding, embeddingDim, o.embeddingWeight);
      scoreInto(calib.model, x, row);
      scores.set(row, n * labels.length);
      let best = 0;
      for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
      if (best === heldLabels[n]) correct++;
    });
    temperature = fitTemperature(scores, heldLabels, labels.length);
    heldOutAccuracy = correct / held.length;
  }
  const final = fitOnce(examples, labels, o, rng.fork(), embeddingDim);
  return createIntentClassifier({
    labels,
    vectorizer: final.vectorizer.state,
    model: final.model,
    temperature,
    minConfidence: o.minConfidence,
    embeddingDim,
    embeddingWeight: o.embeddingWeight,
    info: {
      examples: examples.length,
      trainedOn: final.trainedOn,
      heldOut: held.length,
      heldOutAccuracy,
      features: final.vectorizer.dim,
      trainMs: Math.round(performance.now() - started),
      trainedAt: new Date().toISOString(),
    },
  });
}
