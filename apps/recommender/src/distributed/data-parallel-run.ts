// Data-parallel training across invocations. A unit is one user shard for one epoch: read the epoch's global
// parameters and the training set from Blob, train the shard, write the shard's result. The epoch's reducer
// merges the shards that came in, records the epoch and writes the next epoch's global parameters.
import type { TrainingSet } from '../training/training-set.ts';
import type { RunRow } from '../store/training-run-repository.ts';
import type { TaskRow } from '../store/training-task-repository.ts';
import { getImmutableBundle, runBlob, unitSeed, type RunContext } from './run-context.ts';
import type { RunSetup } from './run-tracker.ts';
import { mergeShardResults, trainShardEpoch, type MergeRule, type ParamState } from './shard-epoch.ts';
import type { TaskMessage } from './training-messages.ts';

/**
 * Each coordinate moves by the mean change of the shards that moved it. Summing the changes instead (as far as
 * one sequential pass would move them) diverged on MovieLens 100K with 4 and 8 shards: every shard steps the
 * global bias and the side features from the same point (README, data-parallel figures).
 */
export const DATA_MERGE_RULE: MergeRule = 'mean';

export async function loadTrainingSet(
  ctx: RunContext,
  runId: string,
): Promise<{ set: TrainingSet; size: number; shards: Int32Array[] }> {
  const b = await getImmutableBundle(ctx, runBlob.set(runId));
  const a = b.arrays;
  const set = {
    nUsers: Number(b.meta.nUsers),
    nItems: Number(b.meta.nItems),
    mean: Number(b.meta.mean),
    userExStart: a.userExStart,
    exItem: a.exItem,
    exRating: a.exRating,
    ubStart: a.ubStart,
    ubIdx: a.ubIdx,
    ubVal: a.ubVal,
    ubExplicit: a.ubExplicit,
    ibStart: a.ibStart,
    ibIdx: a.ibIdx,
    ibVal: a.ibVal,
  } as TrainingSet;
  const shards: Int32Array[] = [];
  for (let s = 0; a[`shard${s}`]; s++) shards.push(a[`shard${s}`] as Int32Array);
  return { set, size: Number(b.meta.size), shards };
}

const readState = (b: { arrays: Record<string, unknown> }): ParamState => ({
  params: b.arrays.params as Float64Array,
  state: b.arrays.state as Float64Array,
});

/** Train one shard for one epoch; returns the unit's result summary (stored with its task row). */
export async function runDataUnit(
  ctx: RunContext,
  run: RunRow,
  setup: RunSetup,
  msg: TaskMessage,
): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const { set, size, shards } = await loadTrainingSet(ctx, msg.runId);
  const start = readState(await ctx.storage.getBundle(runBlob.global(msg.runId, msg.epoch, msg.step)));
  const users = shards[msg.part];
  if (!users) throw new RangeError(`run ${msg.runId} has no shard ${msg.part}`);
  const t1 = performance.now();
  const out = trainShardEpoch({
    set,
    users,
    start,
    options: setup.options,
    size,
    group: setup.structure.layout.group,
    lrScale: setup.options.lrDecay ** (msg.epoch - 1),
    // One visiting order per shard and epoch, cut into the run's rounds: the seed ignores the step.
    seed: unitSeed(setup.options.seed, msg.epoch, 0, msg.part),
    round: msg.step,
    rounds: run.steps,
  });
  const t2 = performance.now();
  await ctx.storage.putBundle(runBlob.shard(msg.runId, msg.epoch, msg.step, msg.part), {
    arrays: { params: out.params, state: out.state },
    meta: {},
  });
  const setBytes = Object.values(set).reduce(
    (s: number, x) => s + (typeof x === 'number' ? 0 : x.byteLength),
    0,
  );
  return {
    sse: out.sse,
    count: out.count,
    readMs: t1 - t0,
    computeMs: t2 - t1,
    writeMs: performance.now() - t2,
    paramBytes: out.params.byteLength + out.state.byteLength,
    dataBytes: setBytes,
  };
}

/** Merge the step's shards into the parameters the next step starts from. */
export async function reduceDataEpoch(ctx: RunContext, run: RunRow, tasks: TaskRow[]): Promise<ParamState> {
  const start = readState(await ctx.storage.getBundle(runBlob.global(run.id, run.epoch, run.step)));
  const done = tasks.filter((t) => t.state === 'done');
  const results = await Promise.all(
    done.map((t) => ctx.storage.getBundle(runBlob.shard(run.id, run.epoch, run.step, t.part))),
  );
  return mergeShardResults(start, results.map(readState), DATA_MERGE_RULE);
}

/** Write the parameters a step starts from (before its messages go out). */
export async function writeDataGlobal(
  ctx: RunContext,
  runId: string,
  epoch: number,
  step: number,
  p: ParamState,
): Promise<void> {
  await ctx.storage.putBundle(runBlob.global(runId, epoch, step), {
    arrays: { params: p.params, state: p.state },
    meta: {},
  });
}
