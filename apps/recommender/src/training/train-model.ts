// Train a model end to end: carve a seeded validation split, run epochs with a decaying step, keep the
// parameters of the best validation epoch (early stopping), and report metrics.
import { createOptimizer, createRng, mae, rmse } from '@suite/shared/ml';
import { selectRatings, type ItemProfile, type Ratings, type UserProfile } from '../data/types.ts';
import { createCatalog, type Catalog } from '../features/catalog.ts';
import { createFmModel, type FmModel } from '../model/fm-model.ts';
import { predictRatings, resetItemTable } from '../model/predict.ts';
import { createEpochScratch, planEpoch, runEpoch, type EpochHyper } from './fm-epoch.ts';
import { resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from './train-options.ts';
import { createTrainingSet } from './training-set.ts';

/** What training reads. */
export interface TrainInput {
  ratings: Ratings;
  users: readonly UserProfile[];
  items: readonly ItemProfile[];
  vocab?: { genres?: readonly string[]; occupations?: readonly string[] };
}

export interface EpochRecord {
  epoch: number;
  trainRmse: number;
  validationRmse?: number;
}

export interface TrainResult {
  model: FmModel;
  options: TrainOptions;
  history: EpochRecord[];
  bestEpoch: number;
  trainMs: number;
  /** Held-out metrics (absent when validationFraction is 0). */
  validation?: { rmse: number; mae: number; count: number };
  trainCount: number;
}

/** Split ratings into (train, validation) by a seeded random draw. */
export function splitValidation(ratings: Ratings, fraction: number, seed: number): { train: Ratings; validation: Ratings } {
  const rng = createRng(seed ^ 0x5eed);
  const tr: number[] = [];
  const va: number[] = [];
  for (let r = 0; r < ratings.user.length; r++) (rng.next() < fraction ? va : tr).push(r);
  return { train: selectRatings(ratings, tr), validation: selectRatings(ratings, va) };
}

/** The hyper-parameters the epoch kernel needs, from resolved options. */
export function createEpochHyper(model: FmModel, options: TrainOptions, lrScale: number): EpochHyper {
  return {
    k: model.k, size: model.layout.size, group: model.layout.group,
    regW: Float64Array.from(options.regW), regV: Float64Array.from(options.regV), lrScale,
  };
}

/** Build a catalog and a fresh model for the training ratings. */
export function createModelFor(input: TrainInput, train: Ratings, options: TrainOptions): { catalog: Catalog; model: FmModel } {
  const catalog = createCatalog(train, input.users, input.items, input.vocab);
  let sum = 0;
  for (const r of train.rating) sum += r;
  const model = createFmModel({
    kind: options.kind, k: options.k, catalog, rng: createRng(options.seed),
    initStd: options.initStd, mean: train.rating.length ? sum / train.rating.length : 3.5,
  });
  return { catalog, model };
}

/** Train in this thread (see parallel-train.ts for the data-parallel variant). */
export function trainModel(input: TrainInput, optionsInput: TrainOptionsInput | TrainOptions = {}): TrainResult {
  const options = 'regW' in optionsInput && Array.isArray(optionsInput.regW) && 'shards' in optionsInput && typeof optionsInput.shards === 'number'
    ? (optionsInput as TrainOptions) : resolveTrainOptions(optionsInput as TrainOptionsInput);
  const started = performance.now();
  const { train, validation } = options.validationFraction > 0
    ? splitValidation(input.ratings, options.validationFraction, options.seed)
    : { train: input.ratings, validation: undefined };
  const { catalog, model } = createModelFor(input, train, options);
  const set = createTrainingSet(model.layout, catalog, train);
  const opt = createOptimizer({ kind: options.optimizer, learningRate: options.learningRate, momentum: options.momentum }, model.params.length);
  const rng = createRng(options.seed + 1);
  const users = Int32Array.from({ length: set.nUsers }, (_, u) => u);
  const order = new Int32Array(set.exItem.length);
  const scratch = createEpochScratch(model.k);
  const history: EpochRecord[] = [];
  let best = { rmse: Infinity, epoch: 0, params: model.params.slice() };
  let lrScale = 1;
  // Polyak averaging: from epoch `averageFrom` the candidate is the running mean of the epoch-end parameters.
  const avg = new Float64Array(model.params.length);
  let averaged = 0;
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const plan = planEpoch(set, users, options.chunk, options.maxChunks, rng, order);
    const sse = runEpoch(set, model.params, opt, plan, order, createEpochHyper(model, options, lrScale), scratch);
    lrScale *= options.lrDecay;
    const record: EpochRecord = { epoch, trainRmse: Math.sqrt(sse / Math.max(1, set.exItem.length)) };
    let candidate = model.params;
    if (options.averageFrom > 0 && epoch >= options.averageFrom) {
      averaged++;
      for (let p = 0; p < avg.length; p++) avg[p]! += ((model.params[p] as number) - (avg[p] as number)) / averaged;
      candidate = avg;
    }
    if (validation && validation.user.length > 0) {
      const v = rmse(predictRatings({ ...model, params: candidate }, validation), validation.rating);
      record.validationRmse = v;
      if (v < best.rmse) best = { rmse: v, epoch, params: candidate.slice() };
      else if (epoch - best.epoch >= options.patience) {
        history.push(record);
        break;
      }
    } else if (epoch === options.epochs) best = { rmse: NaN, epoch, params: candidate.slice() };
    history.push(record);
  }
  if (best.epoch > 0) model.params.set(best.params);
  resetItemTable(model);
  const result: TrainResult = {
    model, options, history, bestEpoch: validation ? best.epoch : history.length,
    trainMs: performance.now() - started, trainCount: train.user.length,
  };
  if (validation && validation.user.length > 0) {
    const pred = predictRatings(model, validation);
    result.validation = { rmse: rmse(pred, validation.rating), mae: mae(pred, validation.rating), count: validation.user.length };
  }
  model.meta = { trainedAt: new Date().toISOString(), options, bestEpoch: result.bestEpoch, trainCount: result.trainCount, validation: result.validation ?? null };
  return result;
}
