// Training pipeline: clean -> (augment) -> fit TF-IDF -> linear model -> temperature on a held-out split -> refit on all
// (-> class offsets from a second model, unspaced-script sets).
import { createRng, type Rng } from '@suite/shared/ml';
import { DEFAULT_CHAR_BLOCK, tryFitCharBlock, type CharBlockOptions } from './char-embedding-block.ts';
import { tryCharTableBlock } from './char-table-block.ts';
import { createIntentClassifier, type IntentClassifier } from './intent-classifier.ts';
import {
  memberProbabilitiesOfOriginals,
  trainHiddenLayerMember,
  wantsHiddenLayerMember,
} from './hidden-layer-member.ts';
import {
  DEFAULT_INTENT_TRAINING,
  UNSPACED_SCRIPT_VECTORIZER,
  type IntentTrainOptions,
} from './intent-train-options.ts';
import { createLinearTrainer, DEFAULT_LINEAR, type LinearModel } from './linear-model.ts';
import { trainLinearSvm } from './linear-svm.ts';
import { fitTemperature } from './temperature.ts';
import { describeHeldOut } from './held-out-report.ts';
import { DEFAULT_CLASS_OFFSETS, fitOffsetsOnScores, wantsClassOffsets } from './class-offsets.ts';
import { classifierTokens, tokenOptionsOf } from './classifier-tokens.ts';
import { hasUnspacedScript } from './word-segmentation.ts';
import { fitVectorizer, type SparseVector } from './tfidf-vectorizer.ts';
import {
  concatPrepared,
  prepareExamples,
  scoreOriginals,
  splitHeldOut,
  vectorizeExamples,
  type PreparedExamples,
  type TrainingExample,
} from './training-set.ts';

export type { TrainingExample } from './training-set.ts';
export {
  DEFAULT_INTENT_TRAINING,
  UNSPACED_SCRIPT_VECTORIZER,
  type IntentTrainOptions,
} from './intent-train-options.ts';

/** Seed offsets of the class offsets' and the hidden-layer member's own random streams. */
const OFFSET_STREAM = 7919;
const MEMBER_STREAM = 104729;

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
  const tokenOptions = tokenOptionsOf(o.vectorizer);
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
  let heldOutCorrect = 0;
  if (held.length > 0) {
    // Only the real held-out utterances (not their augmented copies) calibrate.
    const scored = scoreOriginals(model, heldXs, heldSet, classes);
    temperature = fitTemperature(scored.scores, scored.labels, classes);
    heldOutCorrect = scored.correct;
    const allXs = [...fitXs, ...heldXs];
    const allLabels = Int32Array.from([...fitSet.labels, ...heldSet.labels]);
    const allWeights = Float32Array.from([...fitSet.weights, ...heldSet.weights]);
    // The SVM's solution is unique: refit from scratch on everything. SGD continues where it stopped.
    if (first.trainer === undefined)
      model = trainLinearSvm(allXs, allLabels, classes, dim, rng.fork(), svmOptions, allWeights);
    else first.trainer.train(allXs, allLabels, o.refitEpochs, rng.fork(), allWeights);
  }

  // The member learns from every row, on its own random stream (so its absence leaves every draw above as it was).
  const member = wantsHiddenLayerMember(o.hiddenLayer, unspaced, examples.length, classes);
  const trainMember = (set: PreparedExamples, seed: number) =>
    member && trainHiddenLayerMember(vectorizer, set, blocks.charDim, classes, member, createRng(seed));
  const hiddenLayer = trainMember(concatPrepared(fitSet, heldSet), o.seed + MEMBER_STREAM) || null;

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
    // With a member, on the averaged probabilities of a second member trained on the same rows.
    const auxMember = member?.inOffsets
      ? trainMember(inner, o.seed + OFFSET_STREAM + MEMBER_STREAM)
      : undefined;
    const mix = auxMember && {
      probabilities: memberProbabilitiesOfOriginals(auxMember, vectorizer, outer, blocks.charDim),
      weight: auxMember.weight,
    };
    classOffsets = fitOffsetsOnScores(s.scores, s.labels, classes, t, offsets.lambda, mix);
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
    hiddenLayer,
    info: {
      examples: examples.length,
      trainedOn: fitXs.length + heldXs.length,
      ...describeHeldOut(heldOutCorrect, held.length, classes),
      features: vectorizer.dim,
      charEmbeddingDim: blocks.charDim,
      charTable: table?.table.name ?? null,
      hiddenLayer: hiddenLayer === null ? null : hiddenLayer.model.hidden,
      trainMs: Math.round(performance.now() - started),
      trainedAt: new Date().toISOString(),
    },
  });
}
