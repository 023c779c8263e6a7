// Training pipeline: clean -> (augment) -> fit TF-IDF -> linear model -> temperature on a held-out split -> refit on all
// (-> class offsets from a second model, unspaced-script sets).
import { createRng, type Rng } from '@suite/shared/ml';
import { DEFAULT_MIN_CONFIDENCE } from './confidence-threshold.ts';
import type { AugmentOptions } from './augmentation.ts';
import { DEFAULT_CHAR_BLOCK, tryFitCharBlock, type CharBlockOptions } from './char-embedding-block.ts';
import {
  DEFAULT_CHAR_TABLE_BLOCK,
  tryCharTableBlock,
  type CharTableBlockOptions,
} from './char-table-block.ts';
import { createIntentClassifier, type IntentClassifier } from './intent-classifier.ts';
import {
  createLinearTrainer,
  DEFAULT_LINEAR,
  type LinearModel,
  type LinearTrainOptions,
} from './linear-model.ts';
import { trainLinearSvm } from './linear-svm.ts';
import { fitTemperature } from './temperature.ts';
import {
  DEFAULT_CLASS_OFFSETS,
  fitOffsetsOnScores,
  wantsClassOffsets,
  type ClassOffsetOptions,
} from './class-offsets.ts';
import { classifierTokens } from './classifier-tokens.ts';
import { hasUnspacedScript } from './word-segmentation.ts';
import { fitVectorizer, type SparseVector, type VectorizerOptions } from './tfidf-vectorizer.ts';
import {
  prepareExamples,
  scoreOriginals,
  splitHeldOut,
  vectorizeExamples,
  type PreparedExamples,
  type TrainingExample,
} from './training-set.ts';

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
  /**
   * A character table built outside training (by default the shipped one, data/char-table.bin), appended after the
   * character block; by default for unspaced-script sets of enough examples per intent. `false` turns it off.
   */
  charTable: Partial<CharTableBlockOptions> | false;
  /**
   * Per-class offsets on the calibrated scores, fitted on a held-out share of their own (`fraction`) scored by a
   * model trained without it; by default for unspaced-script sets of enough examples per intent. `false`: none.
   */
  classOffsets: Partial<ClassOffsetOptions> | false;
  /** Training weight of an augmented copy relative to a real utterance. */
  augmentedWeight: number;
  /** Passes over all examples (held-out share included) after the temperature is fitted. */
  refitEpochs: number;
}

/** Seed offset of the class offsets' own random stream. */
const OFFSET_STREAM = 7919;

export const DEFAULT_INTENT_TRAINING: IntentTrainOptions = Object.freeze({
  seed: 1,
  augment: false,
  vectorizer: { wordWeight: 1.5 },
  linear: { loss: 'hinge', optimizer: 'adagrad', learningRate: 0.05, epochs: 12, shrinkMargin: 0.25 },
  calibrationFraction: 0.1,
  minConfidence: DEFAULT_MIN_CONFIDENCE,
  embeddingWeight: 1,
  charEmbeddings: DEFAULT_CHAR_BLOCK,
  charTable: DEFAULT_CHAR_TABLE_BLOCK,
  classOffsets: DEFAULT_CLASS_OFFSETS,
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
  const offsetOptions = o.classOffsets === false ? false : { ...DEFAULT_CLASS_OFFSETS, ...o.classOffsets };
  const offsets = wantsClassOffsets(offsetOptions, unspaced, examples.length, labels.length)
    ? offsetOptions
    : undefined;
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
  const table = tryCharTableBlock(o.charTable, unspaced, examples.length, labels.length);
  const blocks = {
    embeddingDim,
    embeddingWeight: o.embeddingWeight,
    charDim: chars?.dim ?? 0,
    charWeight: chars === undefined || charOptions === false ? 0 : charOptions.weight,
    tableDim: table?.embeddings.dim ?? 0,
    tableWeight: table?.weight ?? 0,
  };
  const classes = labels.length;
  const charBlocks = { chars, table: table?.embeddings };
  const prepare = (set: TrainingExample[], r: Rng) =>
    prepareExamples(set, labelIndex, o.augment, o.augmentedWeight, r.fork(), tokenOptions, charBlocks);
  const epochs = o.linear.epochs ?? DEFAULT_LINEAR.epochs;
  const dim = vectorizer.dim + embeddingDim + blocks.charDim + blocks.tableDim;
  const svmOptions = { c: o.linear.c ?? DEFAULT_LINEAR.c };
  /** A model from scratch: the SVM, or SGD for `epochs` passes (its trainer kept to continue). */
  const fresh = (xs: SparseVector[], set: PreparedExamples, r: Rng) => {
    if (o.linear.solver === 'svm')
      return { model: trainLinearSvm(xs, set.labels, classes, dim, r.fork(), svmOptions, set.weights) };
    const trainer = createLinearTrainer(classes, dim, o.linear);
    trainer.train(xs, set.labels, epochs, r.fork(), set.weights);
    return { model: trainer.model, trainer };
  };
  const fitSet = prepare(fit, rng);
  const heldSet = prepare(held, rng);
  const fitXs = vectorizeExamples(vectorizer, fitSet, blocks);
  const heldXs = vectorizeExamples(vectorizer, heldSet, blocks);
  const first = fresh(fitXs, fitSet, rng);
  let model: LinearModel = first.model;

  let temperature = 1;
  let heldOutAccuracy: number | null = null;
  if (held.length > 0) {
    // Only the real held-out utterances (not their augmented copies) calibrate.
    const scored = scoreOriginals(model, heldXs, heldSet, classes);
    temperature = fitTemperature(scored.scores, scored.labels, classes);
    heldOutAccuracy = scored.accuracy;
    const allXs = [...fitXs, ...heldXs];
    const allLabels = Int32Array.from([...fitSet.labels, ...heldSet.labels]);
    const allWeights = Float32Array.from([...fitSet.weights, ...heldSet.weights]);
    // The SVM's solution is unique: refit from scratch on everything. SGD continues where it stopped.
    if (first.trainer === undefined)
      model = trainLinearSvm(allXs, allLabels, classes, dim, rng.fork(), svmOptions, allWeights);
    else first.trainer.train(allXs, allLabels, o.refitEpochs, rng.fork(), allWeights);
  }

  // The offsets come from a model of their own, trained without a larger share (0.2): the temperature's share is too
  // small for stable offsets, and raising it costs the final model more than the offsets give (bench/RESULTS.md,
  // 30 Nov 2026, 18:10). Their own random stream leaves every draw above as it was.
  let classOffsets: Float32Array | null = null;
  if (offsets !== undefined) {
    const r = createRng(o.seed + OFFSET_STREAM);
    const split = splitHeldOut(examples, offsets.fraction, r.fork());
    const [inner, outer] = [prepare(split.fit, r), prepare(split.held, r)];
    const aux = fresh(vectorizeExamples(vectorizer, inner, blocks), inner, r).model;
    const s = scoreOriginals(aux, vectorizeExamples(vectorizer, outer, blocks), outer, classes);
    const t = fitTemperature(s.scores, s.labels, classes);
    classOffsets = fitOffsetsOnScores(s.scores, s.labels, classes, t, offsets.lambda);
  }
  return createIntentClassifier({
    labels,
    vectorizer: vectorizer.state,
    model,
    temperature,
    classOffsets,
    minConfidence: o.minConfidence,
    embeddingDim,
    embeddingWeight: o.embeddingWeight,
    charEmbeddings: chars?.state ?? null,
    charEmbeddingWeight: blocks.charWeight,
    charTable: table?.table ?? null,
    charTableWeight: blocks.tableWeight,
    hiddenLayer: null,
    info: {
      examples: examples.length,
      trainedOn: fitXs.length + heldXs.length,
      heldOut: held.length,
      heldOutAccuracy,
      features: vectorizer.dim,
      charEmbeddingDim: blocks.charDim,
      charTable: table?.table.name ?? null,
      trainMs: Math.round(performance.now() - started),
      trainedAt: new Date().toISOString(),
    },
  });
}
