// One model-parallel work unit as a pure function: a user block and an item block trained on their ratings for
// one pass (one DSGD stratum cell). The global bias w0 is the only parameter every worker shares; each worker
// steps its own copy and returns the change, which the step's reducer averages.
import { createOptimizer, createRng } from '@suite/shared/ml';
import { planEpoch } from '../training/epoch-plan.ts';
import { createEpochScratch, runEpoch } from '../training/fm-epoch.ts';
import type { TrainOptions } from '../training/train-options.ts';
import {
  createBlockTrainingSet,
  packBlocks,
  unpackBlocks,
  type BlockRatings,
  type FactorBlock,
} from './block-model.ts';

export interface BlockEpochInput {
  users: FactorBlock;
  items: FactorBlock;
  ratings: BlockRatings;
  options: TrainOptions;
  w0: number;
  w0State: number;
  lrScale: number;
  seed: number;
}

export interface BlockEpochResult {
  users: FactorBlock;
  items: FactorBlock;
  w0Delta: number;
  w0StateDelta: number;
  sse: number;
  count: number;
}

/** Train one block cell; the inputs are not modified. */
export function trainBlockEpoch(input: BlockEpochInput): BlockEpochResult {
  const { options } = input;
  const k = options.k;
  const nU = input.users.w.length;
  const nI = input.items.w.length;
  const local = packBlocks(input.users, input.items, k, input.w0, input.w0State);
  const set = createBlockTrainingSet(input.ratings, nU, nI);
  const opt = createOptimizer(
    { kind: options.optimizer, learningRate: options.learningRate, momentum: options.momentum },
    local.params.length,
  );
  if (opt.state.length > 0) opt.state.set(local.state);
  const users = Int32Array.from({ length: nU }, (_, u) => u);
  const plan = planEpoch(set, users, options.chunk, options.maxChunks, createRng(input.seed));
  const sse = runEpoch(
    set,
    local.params,
    opt,
    plan,
    {
      k,
      size: local.size,
      group: local.group,
      regW: Float64Array.from(options.regW),
      regV: Float64Array.from(options.regV),
      lrScale: input.lrScale,
    },
    createEpochScratch(k),
  );
  const out = unpackBlocks(local.params, opt.state, nU, nI, k);
  return {
    ...out,
    w0Delta: (local.params[0] as number) - input.w0,
    w0StateDelta: opt.state.length > 0 ? (opt.state[0] as number) - input.w0State : 0,
    sse,
    count: input.ratings.user.length,
  };
}
