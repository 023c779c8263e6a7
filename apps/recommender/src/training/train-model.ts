// Train a model end to end: carve a seeded validation split, run epochs with a decaying step, keep the
// parameters of the best validation epoch (early stopping), and report metrics.
import { createOptimizer, createRng, mae, rmse } from '@suite/shared/ml';
import { selectRatings, type ItemProfile, type Ratings, type UserProfile } from '../data/types.ts';
import { createCatalog, type Catalog } from '../features/catalog.ts';
import { createFmModel, type FmModel } from '../model/fm-model.ts';
import { predictRatings } from '../model/predict.ts';
import { blendModels } from './blend-models.ts';
import { createEpochTracker, type EpochRecord } from './epoch-tracker.ts';

export type { EpochRecord };
import { planEpoch } from './epoch-plan.ts';
import { createEpochScratch, runEpoch, type EpochHyper } from './fm-epoch.ts';
import {
  isResolvedOptions,
  resolveTrainOptions,
  type TrainOptions,
  type TrainOptionsInput,
} from './train-options.ts';
import { createTrainingSet, type TrainingSet } from './training-set.ts';

/** What training reads. */
export interface TrainInput {
  ratings: Ratings;
  users: readonly UserProfile[];
  items: readonly ItemProfile[];
  vocab?: { genres?: readonly string[]; occupations?: readonly string[] };
}

export interface TrainResult {
  model: FmModel;
  options: TrainOptions;
  history: EpochRecord[];
  bestEpoch: number;
  trainMs: number;
  /** Held-out metrics (absent when validationFraction is 0). */
  validation?: { rmse: number; mae: number; count: number };
  /** Held-out top-10 quality of a ranking model (`ials`), in place of `validation`. */
  rankingValidation?: { hrAt10: number; ndcgAt10: number; count: number };
  trainCount: number;
}

/** Split ratings into (train, validation) by a seeded random draw. */
export function splitValidation(
  ratings: Ratings,
  fraction: number,
  seed: number,
): { train: Ratings; validation: Ratings } {
  const rng = createRng(seed ^ 0x5eed);
  const tr: number[] = [];
  const va: number[] = [];
  for (let r = 0; r < ratings.user.length; r++) (rng.next() < fraction ? va : tr).push(r);
  return { train: selectRatings(ratings, tr), validation: selectRatings(ratings, va) };
}

/** The hyper-parameters the epoch kernel needs, from resolved options. */
export function createEpochHyper(model: FmModel, options: TrainOptions, lrScale: number): EpochHyper {
  return {
    k: model.k,
    size: model.layout.size,
    group: model.layout.group,
    regW: Float64Array.from(options.regW),
    regV: Float64Array.from(options.regV),
    lrScale,
  };
}

/** Build a catalog and a fresh model for the training ratings. */
export function createModelFor(
  input: TrainInput,
  train: Ratings,
  options: TrainOptions,
): { catalog: Catalog; model: FmModel } {
  const catalog = createCatalog(train, input.users, input.items, input.vocab);
  let sum = 0;
  for (const r of train.rating) sum += r;
  const model = createFmModel({
    kind: options.kind,
    k: options.k,
    catalog,
    rng: createRng(options.seed),
    initStd: options.initStd,
    mean: train.rating.length ? sum / train.rating.length : 3.5,
    rankingPrior: options.rankingPrior,
  });
  return { catalog, model };
}

/** Resolve options, carve the validation split, and build the catalog, model and training set. */
export function prepareTraining(input: TrainInput, optionsInput: TrainOptionsInput | TrainOptions) {
  const options = isResolvedOptions(optionsInput) ? optionsInput : resolveTrainOptions(optionsInput);
  const { train, validation } =
    options.validationFraction > 0
      ? splitValidation(input.ratings, options.validationFraction, options.seed)
      : { train: input.ratings, validation: undefined };
  const { catalog, model } = createModelFor(input, train, options);
  const set = createTrainingSet(model.layout, catalog, train);
  return { options, train, validation, model, set };
}

/**
 * Run the epochs of one model on a prepared training set, yielding each epoch's record as it ends; leaves the
 * chosen (averaged) parameters in the model.
 */
function* fitModel(
  model: FmModel,
  set: TrainingSet,
  options: TrainOptions,
  validation: Ratings | undefined,
  seed: number,
): Generator<EpochRecord, { history: EpochRecord[]; bestEpoch: number }> {
  const opt = createOptimizer(
    { kind: options.optimizer, learningRate: options.learningRate, momentum: options.momentum },
    model.params.length,
  );
  const rng = createRng(seed + 1);
  const users = Int32Array.from({ length: set.nUsers }, (_, u) => u);
  const scratch = createEpochScratch(model.k);
  const tracker = createEpochTracker(model, validation, options);
  let lrScale = 1;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const plan = planEpoch(set, users, options.chunk, options.maxChunks, rng);
    const sse = runEpoch(set, model.params, opt, plan, createEpochHyper(model, options, lrScale), scratch);
    lrScale *= options.lrDecay;
    const go = tracker.record(epoch, sse, set.exItem.length);
    yield tracker.history.at(-1) as EpochRecord;
    if (!go) break;
  }
  return { history: tracker.history, bestEpoch: tracker.finish() };
}

/**
 * Training in this thread as steps: yields each epoch's record (of each blend member in turn) and returns the
 * result, so a caller can report progress and stop between epochs (train-with-method.ts).
 */
export function* trainModelSteps(
  input: TrainInput,
  optionsInput: TrainOptionsInput | TrainOptions = {},
): Generator<EpochRecord, TrainResult> {
  if (optionsInput.kind === 'ials') throw new RangeError('the ials kind is trained by trainIalsModel');
  const started = performance.now();
  const { options, train, validation, model, set } = prepareTraining(input, optionsInput);
  if (options.method !== 'sgd')
    throw new RangeError(`trainModel runs method sgd; use trainWithMethod for ${options.method}`);
  const members = [model];
  for (let b = 1; b < options.blend; b++) {
    const seed = options.seed + 7919 * b;
    members.push(
      createFmModel({
        kind: options.kind,
        k: options.k,
        catalog: model.catalog,
        rng: createRng(seed),
        initStd: options.initStd,
        mean: model.params[0] as number,
        rankingPrior: options.rankingPrior,
      }),
    );
  }
  const fits: { history: EpochRecord[]; bestEpoch: number }[] = [];
  for (const [b, member] of members.entries())
    fits.push(yield* fitModel(member, set, options, validation, options.seed + 7919 * b));
  const last = fits[fits.length - 1] as { history: EpochRecord[]; bestEpoch: number };
  const final = members.length > 1 ? blendModels(members) : model;
  return finishTraining(
    final,
    options,
    fits.flatMap((f) => f.history),
    last.bestEpoch,
    started,
    train,
    validation,
    members.length > 1 ? { blend: members.length, memberK: options.k } : {},
  );
}

/** Train in this thread (see parallel-train.ts for the data-parallel variant); `blend` > 1 trains that many seeds. */
export function trainModel(
  input: TrainInput,
  optionsInput: TrainOptionsInput | TrainOptions = {},
): TrainResult {
  const steps = trainModelSteps(input, optionsInput);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Fill in the result and the model's metadata once the parameters are final. */
export function finishTraining(
  model: FmModel,
  options: TrainOptions,
  history: EpochRecord[],
  bestEpoch: number,
  started: number,
  train: Ratings,
  validation: Ratings | undefined,
  extra: Record<string, unknown> = {},
): TrainResult {
  const result: TrainResult = {
    model,
    options,
    history,
    bestEpoch,
    trainMs: performance.now() - started,
    trainCount: train.user.length,
  };
  if (validation && validation.user.length > 0) {
    const pred = predictRatings(model, validation);
    result.validation = {
      rmse: rmse(pred, validation.rating),
      mae: mae(pred, validation.rating),
      count: validation.user.length,
    };
  }
  model.meta = {
    trainedAt: new Date().toISOString(),
    options,
    bestEpoch,
    trainCount: result.trainCount,
    trainMs: Math.round(result.trainMs),
    validation: result.validation ?? null,
    ...extra,
  };
  return result;
}
