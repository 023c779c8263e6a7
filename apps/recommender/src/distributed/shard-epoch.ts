// One data-parallel work unit as a pure function: a shard's users trained for one epoch from given parameters
// and optimiser state; and the reducer's merge of the shards' results. No I/O, so queues, threads, tests
// and benches all run the very same arithmetic.
import { createOptimizer } from '@suite/shared/ml';
import { createRng } from '@suite/shared/ml';
import { planEpoch } from '../training/epoch-plan.ts';
import { createEpochScratch, runEpoch } from '../training/fm-epoch.ts';
import type { TrainOptions } from '../training/train-options.ts';
import type { TrainingSet } from '../training/training-set.ts';

/** Parameters with the optimiser's per-coordinate state (empty for plain SGD). */
export interface ParamState {
  params: Float64Array;
  state: Float64Array;
}

export interface ShardEpochInput {
  set: TrainingSet;
  users: Int32Array;
  start: ParamState;
  options: TrainOptions;
  size: number;
  group: Uint8Array;
  lrScale: number;
  /** Seeds the epoch's visiting order: a retried or duplicated shard computes the identical result. */
  seed: number;
  /** The epoch's chunks are cut into `rounds` slices with a merge after each; this unit runs slice `round`. */
  round?: number;
  rounds?: number;
}

export interface ShardEpochResult extends ParamState {
  sse: number;
  count: number;
}

/** Train `users` for one epoch from `start` (not modified); returns the new parameters and state. */
export function trainShardEpoch(input: ShardEpochInput): ShardEpochResult {
  const { set, users, options } = input;
  const params = input.start.params.slice();
  const opt = createOptimizer(
    { kind: options.optimizer, learningRate: options.learningRate, momentum: options.momentum },
    params.length,
  );
  if (opt.state.length > 0) opt.state.set(input.start.state);
  const full = planEpoch(set, users, options.chunk, options.maxChunks, createRng(input.seed));
  const rounds = input.rounds ?? 1;
  const round = input.round ?? 0;
  const nChunks = full.chunks.length / 3;
  const from = Math.floor((nChunks * round) / rounds);
  const to = Math.floor((nChunks * (round + 1)) / rounds);
  const plan = { chunks: full.chunks.subarray(3 * from, 3 * to), order: full.order };
  let count = 0;
  for (let c = 0; c < plan.chunks.length; c += 3) count += plan.chunks[c + 2]! - plan.chunks[c + 1]!;
  const sse = runEpoch(
    set,
    params,
    opt,
    plan,
    {
      k: options.k,
      size: input.size,
      group: input.group,
      regW: Float64Array.from(options.regW),
      regV: Float64Array.from(options.regV),
      lrScale: input.lrScale,
    },
    createEpochScratch(options.k),
  );
  return { params, state: opt.state.slice(), sse, count };
}

/**
 * How shard results combine, per coordinate, over the n shards that changed it: `mean` moves it by the mean
 * change (what the worker-thread trainer does), `sum` by the summed change (as far as one sequential pass over
 * all shards would, from a stale start), `sqrt` by the sum over sqrt(n), in between. The optimiser state
 * merges by the same rule.
 */
export type MergeRule = 'sum' | 'mean' | 'sqrt';

/** Merge `results` (all started from `start`) into a new parameter/state pair. */
export function mergeShardResults(
  start: ParamState,
  results: readonly ParamState[],
  rule: MergeRule,
): ParamState {
  const params = start.params.slice();
  const state = start.state.slice();
  mergeInto(
    params,
    start.params,
    results.map((r) => r.params),
    rule,
  );
  if (state.length > 0)
    mergeInto(
      state,
      start.state,
      results.map((r) => r.state),
      rule,
    );
  return { params, state };
}

function mergeInto(out: Float64Array, base: Float64Array, locals: Float64Array[], rule: MergeRule): void {
  for (let p = 0; p < out.length; p++) {
    const g = base[p] as number;
    let sum = 0;
    let n = 0;
    for (const l of locals) {
      const d = (l[p] as number) - g;
      if (d !== 0) {
        sum += d;
        n++;
      }
    }
    if (n > 0) out[p] = g + (rule === 'sum' ? sum : rule === 'mean' ? sum / n : sum / Math.sqrt(n));
  }
}
