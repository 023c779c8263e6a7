// Model-parallel training across invocations (DSGD): in step s of an epoch, unit b trains user block b with
// item block (b + s) mod B on their ratings, reading only those two blocks and that cell from Blob. Each step's
// reducer points the next step at the blocks just written (a `shared` blob: block sources and the global bias),
// so no two units of a step ever write the same parameters and nothing is copied.
import type { RunRow } from '../store/training-run-repository.ts';
import type { TaskRow } from '../store/training-task-repository.ts';
import { blockBytes, type BlockRatings, type FactorBlock } from './block-model.ts';
import { trainBlockEpoch } from './block-epoch.ts';
import { placeBlock } from './block-partition.ts';
import { getStratum } from './dsgd-schedule.ts';
import { getImmutableBundle, runBlob, unitSeed, type RunContext } from './run-context.ts';
import type { RunSetup } from './run-tracker.ts';
import type { TaskMessage } from './training-messages.ts';

/** Where each block of a step is read from, and the global bias every unit starts from. */
export interface StepShared {
  w0: number;
  w0State: number;
  userSrc: string[];
  itemSrc: string[];
}

export async function readShared(
  ctx: RunContext,
  runId: string,
  epoch: number,
  step: number,
): Promise<StepShared> {
  return (await ctx.storage.getBundle(runBlob.shared(runId, epoch, step))).meta as unknown as StepShared;
}

export async function writeShared(
  ctx: RunContext,
  runId: string,
  epoch: number,
  step: number,
  s: StepShared,
): Promise<void> {
  await ctx.storage.putBundle(runBlob.shared(runId, epoch, step), { arrays: {}, meta: { ...s } });
}

const asBlock = (b: { arrays: Record<string, unknown> }): FactorBlock => ({
  w: b.arrays.w as Float64Array,
  v: b.arrays.v as Float64Array,
  sw: b.arrays.sw as Float64Array,
  sv: b.arrays.sv as Float64Array,
});

/** Train this unit's stratum cell; returns the unit's result summary. */
export async function runModelUnit(
  ctx: RunContext,
  run: RunRow,
  setup: RunSetup,
  msg: TaskMessage,
): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const { userBlock, itemBlock } = getStratum(run.workers, msg.step, msg.part);
  const shared = await readShared(ctx, msg.runId, msg.epoch, msg.step);
  const [u, i, cell] = await Promise.all([
    ctx.storage.getBundle(shared.userSrc[userBlock] as string),
    ctx.storage.getBundle(shared.itemSrc[itemBlock] as string),
    getImmutableBundle(ctx, runBlob.cell(msg.runId, userBlock, itemBlock)),
  ]);
  const ratings = cell.arrays as unknown as BlockRatings;
  const t1 = performance.now();
  const out = trainBlockEpoch({
    users: asBlock(u),
    items: asBlock(i),
    ratings,
    options: setup.options,
    w0: shared.w0,
    w0State: shared.w0State,
    lrScale: setup.options.lrDecay ** (msg.epoch - 1),
    seed: unitSeed(setup.options.seed, msg.epoch, msg.step, msg.part),
  });
  const t2 = performance.now();
  await Promise.all([
    ctx.storage.putBundle(runBlob.userOut(msg.runId, msg.epoch, msg.step, userBlock), {
      arrays: { ...out.users },
      meta: {},
    }),
    ctx.storage.putBundle(runBlob.itemOut(msg.runId, msg.epoch, msg.step, itemBlock), {
      arrays: { ...out.items },
      meta: {},
    }),
  ]);
  return {
    sse: out.sse,
    count: out.count,
    w0Delta: out.w0Delta,
    w0StateDelta: out.w0StateDelta,
    userBlock,
    itemBlock,
    readMs: t1 - t0,
    computeMs: t2 - t1,
    writeMs: performance.now() - t2,
    paramBytes: blockBytes(out.users) + blockBytes(out.items),
    dataBytes: blockBytes(ratings),
  };
}

/** The next step's sources and bias from this step's units (a dropped unit's blocks stay where they were). */
export function nextShared(run: RunRow, shared: StepShared, tasks: TaskRow[]): StepShared {
  const next: StepShared = { ...shared, userSrc: [...shared.userSrc], itemSrc: [...shared.itemSrc] };
  const done = tasks.filter((t) => t.state === 'done');
  for (const t of done) {
    const { userBlock, itemBlock } = getStratum(run.workers, run.step, t.part);
    next.userSrc[userBlock] = runBlob.userOut(run.id, run.epoch, run.step, userBlock);
    next.itemSrc[itemBlock] = runBlob.itemOut(run.id, run.epoch, run.step, itemBlock);
  }
  if (done.length > 0) {
    next.w0 += done.reduce((s, t) => s + Number(t.result?.w0Delta ?? 0), 0) / done.length;
    next.w0State += done.reduce((s, t) => s + Number(t.result?.w0StateDelta ?? 0), 0) / done.length;
  }
  return next;
}

/** The full parameter vector from the blocks (the reducer evaluates each epoch; workers never hold it). */
export async function assembleParams(
  ctx: RunContext,
  run: RunRow,
  setup: RunSetup,
  shared: StepShared,
): Promise<Float64Array> {
  const part = await getImmutableBundle(ctx, runBlob.partition(run.id));
  const { k } = setup.options;
  const size = Number(part.meta.size);
  const nUsers = Number(part.meta.nUsers);
  const params = new Float64Array(setup.structure.params.length);
  params[0] = shared.w0;
  const blocks = await Promise.all([
    ...shared.userSrc.map((n) => ctx.storage.getBundle(n)),
    ...shared.itemSrc.map((n) => ctx.storage.getBundle(n)),
  ]);
  for (let b = 0; b < run.workers; b++) {
    placeBlock(params, asBlock(blocks[b]!), part.arrays[`u${b}`] as Int32Array, 0, size, k);
    placeBlock(
      params,
      asBlock(blocks[run.workers + b]!),
      part.arrays[`i${b}`] as Int32Array,
      nUsers,
      size,
      k,
    );
  }
  return params;
}
