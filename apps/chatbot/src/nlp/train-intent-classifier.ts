// Training pipeline: clean -> (augment) -> fit TF-IDF -> linear model -> temperature on a held-out split -> refit on all.
import { createRng } from '@suite/shared/ml';
import { DEFAULT_MIN_CONFIDENCE } from './confidence-threshold.ts';
import type { AugmentOptions } from './augmentation.ts';
import { DEFAULT_CHAR_BLOCK, tryFitCharBlock, type CharBlockOptions } from './char-embedding-block.ts';
import { createIntentClassifier, type IntentClassifier } from './intent-classifier.ts';
import {
  createLinearTrainer,
  DEFAULT_LINEAR,
  scoreInto,
  type LinearModel,
  type LinearTrainOptions,
} from './linear-model.ts';
import { trainLinearSvm } from './linear-svm.ts';
import { fitTemperature } from './temperature.ts';
import { classifierTokens } from './classifier-tokens.ts';
import { hasUnspacedScript } from './word-segmentation.ts';
import { fitVectorizer, type SparseVector, type VectorizerOptions } from './tfidf-vectorizer.ts';
import { prepareExamples, splitHeldOut, vectorizeExamples, type TrainingExample } from './training-set.ts';

export type { TrainingExample } from './training-set.ts';

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
  /**
   * Character embeddings learned from the training texts, appended after the sentence embedding (the two
   * coexist); by default for unspaced-script training sets only. `false` turns them off.
   */
  charEmbeddings: Partial<CharBlockOptions> | false;
  /** Training weight of an augmented copy relative to a real utterance. */
  augmentedWeight: number;
  /** Passes over all examples (held-out share included) after the temperature is fitted. */
  refitEpochs: number;
}

export const DEFAULT_INTENT_TRAINING: IntentTrainOptions = Object.freeze({
  seed: 1,
  augment: false,
  vectorizer: { wordWeight: 1.5 },
  linear: { loss: 'hinge', optimizer: 'adagrad', learningRate: 0.05, epochs: 12, shrinkMargin: 0.25 },
  calibrationFraction: 0.1,
  minConfidence: DEFAULT_MIN_CONFIDENCE,
  embeddingWeight: 1,
  charEmbeddings: DEFAULT_CHAR_BLOCK,
  augmentedWeight: 0.5,
  refitEpochs: 2,
}) as IntentTrainOptions;

/**
 * Vectorizer defaults for a training set written mostly in scripts without spaces (Chinese, Japanese, Thai...):
 * keep n-grams seen once (a name's characters rarely repeat in a small set), weigh the segmenter's words below the
 * characters (its cuts are guesses), and keep the punctuation as tokens (a closing "？" or "。" says something about
 * the intent). Chosen on 8 validation carve-outs of SMP2018's train.csv: 88.98% with the defaults, 89.77% with the
 * first two, 91.21% with all three (every split up). On Banking77 neither paid (punctuation: 90.93 -> 90.88%), so
 * spaced scripts keep the defaults.
 */
export const UNSPACED_SCRIPT_VECTORIZER: Readonly<Partial<VectorizerOptions>> = Object.freeze({
  minDf: 1,
  wordWeight: 0.7,
  punctuation: true,
});

/**
 * Trains an intent classifier from labelled examples, in one run: train on all but a stratified held-out share,
 * fit the softmax temperature on that share, then continue the same model (optimiser state kept) for
 * `refitEpochs` passes over everything, so the held-out examples are learned too at a fraction of a second fit.
 *
 * @example const clf = trainIntentClassifier([{ text: 'where is my card', intent: 'card_arrival' }, ...]);
 */
export function trainIntentClassifier(
  examples: readonly TrainingExample[],
  options: Partial<IntentTrainOptions> = {},
): IntentClassifier {
  // Nested options merge with the defaults, so `{ vectorizer: { accents: 'keep' } }` keeps the default word weight.
  const unspaced = examples.filter((e) => hasUnspacedScript(e.text)).length * 2 > examples.length;
  const o: IntentTrainOptions = {
    ...DEFAULT_INTENT_TRAINING,
    ...options,
    vectorizer: {
      ...DEFAULT_INTENT_TRAINING.vectorizer,
      ...(unspaced ? UNSPACED_SCRIPT_VECTORIZER : {}),
      ...options.vectorizer,
    },
    linear: { ...DEFAULT_INTENT_TRAINING.linear, ...options.linear },
  };
  const charOptions: CharBlockOptions | false =
    o.charEmbeddings === false ? false : { ...DEFAULT_CHAR_BLOCK, ...o.charEmbeddings };
  if (examples.length === 0) throw new RangeError('trainIntentClassifier needs at least one example');
  const started = performance.now();
  const labels = [...new Set(examples.map((e) => e.intent))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const embeddingDim = examples[0]?.embedding?.length ?? 0;
  const rng = createRng(o.seed);
  const { fit, held } = splitHeldOut(examples, o.calibrationFraction, rng.fork());

  // The vocabulary comes from real utterances only (idf is unsupervised, so the held-out share may count).
  const tokenOptions = {
    accents: o.vectorizer.accents ?? 'fold',
    punctuation: o.vectorizer.punctuation ?? false,
  };
  const vectorizer = fitVectorizer(
    examples.map((ex) => classifierTokens(ex.text, tokenOptions)),
    o.vectorizer,
  );
  // So are the character vectors: they learn from the texts alone, never from a label.
  const chars = tryFitCharBlock(
    examples.map((ex) => ex.text),
    charOptions,
    unspaced,
    o.seed,
  );
  const blocks = {
    embeddingDim,
    embeddingWeight: o.embeddingWeight,
    charDim: chars?.dim ?? 0,
    charWeight: chars === undefined || charOptions === false ? 0 : charOptions.weight,
  };
  const prepare = (set: TrainingExample[]) =>
    prepareExamples(set, labelIndex, o.augment, o.augmentedWeight, rng.fork(), tokenOptions, chars);
  const fitSet = prepare(fit);
  const heldSet = prepare(held);
  const fitXs = vectorizeExamples(vectorizer, fitSet, blocks);
  const heldXs = vectorizeExamples(vectorizer, heldSet, blocks);
  const epochs = o.linear.epochs ?? DEFAULT_LINEAR.epochs;
  const dim = vectorizer.dim + embeddingDim + blocks.charDim;
  const svm = o.linear.solver === 'svm';
  const svmOptions = { c: o.linear.c ?? DEFAULT_LINEAR.c };
  const trainer = svm ? undefined : createLinearTrainer(labels.length, dim, o.linear);
  let model: LinearModel;
  if (trainer === undefined)
    model = trainLinearSvm(fitXs, fitSet.labels, labels.length, dim, rng.fork(), svmOptions, fitSet.weights);
  else {
    trainer.train(fitXs, fitSet.labels, epochs, rng.fork(), fitSet.weights);
    model = trainer.model;
  }

  let temperature = 1;
  let heldOutAccuracy: number | null = null;
  if (held.length > 0) {
    // Only the real held-out utterances (not their augmented copies) calibrate.
    const originals: number[] = [];
    heldSet.weights.forEach((w, i) => {
      if (w === 1) originals.push(i);
    });
    const scores = new Float64Array(originals.length * labels.length);
    const heldLabels = Int32Array.from(originals.map((i) => heldSet.labels[i] as number));
    const row = new Float64Array(labels.length);
    let correct = 0;
    originals.forEach((i, n) => {
      scoreInto(model, heldXs[i] as SparseVector, row);
      scores.set(row, n * labels.length);
      let best = 0;
      for (let k = 1; k < row.length; k++) if ((row[k] as number) > (row[best] as number)) best = k;
      if (best === heldLabels[n]) correct++;
    });
    temperature = fitTemperature(scores, heldLabels, labels.length);
    heldOutAccuracy = correct / originals.length;
    const allXs = [...fitXs, ...heldXs];
    const allLabels = Int32Array.from([...fitSet.labels, ...heldSet.labels]);
    const allWeights = Float32Array.from([...fitSet.weights, ...heldSet.weights]);
    // The SVM's solution is unique: refit from scratch on everything. SGD continues where it stopped.
    if (trainer === undefined)
      model = trainLinearSvm(allXs, allLabels, labels.length, dim, rng.fork(), svmOptions, allWeights);
    else trainer.train(allXs, allLabels, o.refitEpochs, rng.fork(), allWeights);
  }
  return createIntentClassifier({
    labels,
    vectorizer: vectorizer.state,
    model,
    temperature,
    minConfidence: o.minConfidence,
    embeddingDim,
    embeddingWeight: o.embeddingWeight,
    charEmbeddings: chars?.state ?? null,
    charEmbeddingWeight: blocks.charWeight,
    info: {
      examples: examples.length,
      trainedOn: fitXs.length + heldXs.length,
      heldOut: held.length,
      heldOutAccuracy,
      features: vectorizer.dim,
      charEmbeddingDim: blocks.charDim,
      trainMs: Math.round(performance.now() - started),
      trainedAt: new Date().toISOString(),
    },
  });
}
