// Epoch bookkeeping of a distributed run, kept in Blob between invocations: Polyak averaging, validation RMSE,
// early stopping with patience and the best parameters, as the in-process trainer does (epoch-tracker.ts).
// Epoch E's state is its own blob, written from epoch E-1's, so a duplicated reduce rewrites the same bytes.
import { mae, rmse } from '@suite/shared/ml';
import type { Ratings } from '../data/types.ts';
import { decodeModel } from '../model/artifact.ts';
import type { FmModel } from '../model/fm-model.ts';
import { predictRatings } from '../model/predict.ts';
import type { TrainOptions } from '../training/train-options.ts';
import { getImmutableBundle, runBlob, type RunContext } from './run-context.ts';

/** The run's fixed facts: options, model structure and the validation carve-out. */
export interface RunSetup {
  options: TrainOptions;
  structure: FmModel;
  validation: Ratings;
}

export async function loadRunSetup(ctx: RunContext, runId: string): Promise<RunSetup> {
  const b = await getImmutableBundle(ctx, runBlob.setup(runId));
  const a = b.arrays;
  return {
    options: b.meta.options as TrainOptions,
    structure: decodeModel(a.artifact as Uint8Array),
    validation: {
      user: a.vUser as Int32Array,
      item: a.vItem as Int32Array,
      rating: a.vRating as Float32Array,
      time: a.vTime as Float64Array,
    },
  };
}

export interface EpochOutcome {
  record: { epoch: number; trainRmse: number; validationRmse?: number };
  /** False when training should stop (last epoch, or no better validation RMSE within `patience`). */
  go: boolean;
}

interface TrackerState {
  averaged: number;
  bestRmse: number;
  bestEpoch: number;
  avg: Float64Array;
  best: Float64Array;
}

async function loadTracker(ctx: RunContext, runId: string, epoch: number, n: number): Promise<TrackerState> {
  if (epoch <= 1)
    return {
      averaged: 0,
      bestRmse: Infinity,
      bestEpoch: 0,
      avg: new Float64Array(n),
      best: new Float64Array(0),
    };
  const b = await ctx.storage.getBundle(runBlob.tracker(runId, epoch - 1));
  return {
    averaged: Number(b.meta.averaged),
    bestRmse: b.meta.bestRmse === null ? Infinity : Number(b.meta.bestRmse),
    bestEpoch: Number(b.meta.bestEpoch),
    avg: b.arrays.avg as Float64Array,
    best: b.arrays.best as Float64Array,
  };
}

/** Record epoch `epoch` whose parameters are `params`; persists the tracker state. */
export async function recordEpoch(
  ctx: RunContext,
  runId: string,
  setup: RunSetup,
  epoch: number,
  params: Float64Array,
  sse: number,
  count: number,
): Promise<EpochOutcome> {
  const { options } = setup;
  const t = await loadTracker(ctx, runId, epoch, params.length);
  const record: EpochOutcome['record'] = { epoch, trainRmse: Math.sqrt(sse / Math.max(1, count)) };
  let candidate = params;
  if (options.averageFrom > 0 && epoch >= options.averageFrom) {
    t.averaged++;
    for (let p = 0; p < t.avg.length; p++)
      t.avg[p]! += ((params[p] as number) - (t.avg[p] as number)) / t.averaged;
    candidate = t.avg;
  }
  let go = epoch < options.epochs;
  if (setup.validation.user.length > 0) {
    const v = rmse(
      predictRatings({ ...setup.structure, params: candidate }, setup.validation),
      setup.validation.rating,
    );
    record.validationRmse = v;
    if (v < t.bestRmse) Object.assign(t, { bestRmse: v, bestEpoch: epoch, best: candidate.slice() });
    go &&= epoch - t.bestEpoch < options.patience;
  } else {
    Object.assign(t, { bestEpoch: epoch, best: candidate.slice() });
  }
  await ctx.storage.putBundle(runBlob.tracker(runId, epoch), {
    arrays: { avg: t.avg, best: t.best },
    meta: {
      averaged: t.averaged,
      bestRmse: Number.isFinite(t.bestRmse) ? t.bestRmse : null,
      bestEpoch: t.bestEpoch,
    },
  });
  return { record, go };
}

/** The chosen parameters as a model (best validation epoch, averaged when averaging), with held-out metrics. */
export async function chooseModel(
  ctx: RunContext,
  runId: string,
  setup: RunSetup,
  epoch: number,
): Promise<{
  model: FmModel;
  bestEpoch: number;
  validation: { rmse: number; mae: number; count: number } | null;
}> {
  const b = await ctx.storage.getBundle(runBlob.tracker(runId, epoch));
  const model: FmModel = { ...setup.structure, params: (b.arrays.best as Float64Array).slice(), meta: {} };
  for (const x of model.params)
    if (!Number.isFinite(Math.fround(x)))
      throw new RangeError(
        `training diverged (non-finite parameters) at learningRate ${setup.options.learningRate}`,
      );
  const v = setup.validation;
  let validation = null;
  if (v.user.length > 0) {
    const pred = predictRatings(model, v);
    validation = { rmse: rmse(pred, v.rating), mae: mae(pred, v.rating), count: v.user.length };
  }
  return { model, bestEpoch: Number(b.meta.bestEpoch), validation };
}
