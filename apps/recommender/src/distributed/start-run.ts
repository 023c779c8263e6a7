// Start a distributed run: prepare the data once (validation carve-out, catalog, training set), write what the
// workers read to Blob, record the run and its first step's units in PostgreSQL, then send the units' messages.
import { randomUUID } from 'node:crypto';
import { encodeModel } from '../model/artifact.ts';
import { createUserShards } from '../training/parallel-train.ts';
import { prepareTraining, type TrainInput } from '../training/train-model.ts';
import type { TrainOptions } from '../training/train-options.ts';
import { insertRun, type RunMode } from '../store/training-run-repository.ts';
import { insertTasks } from '../store/training-task-repository.ts';
import type { ArrayBundle } from './array-codec.ts';
import { createBlockPartition, sliceBlock } from './block-partition.ts';
import { leaseEnd, runBlob, type RunContext } from './run-context.ts';

/** Write the run's data and first step, then send its messages; returns the run id. */
export async function startRun(
  ctx: RunContext,
  mode: RunMode,
  workers: number,
  /** Data mode: merges per epoch (the model mode's steps are its B strata). */
  rounds: number,
  options: TrainOptions,
  input: TrainInput,
): Promise<string> {
  const prep = prepareTraining(input, options);
  const id = randomUUID();
  await ctx.storage.ensure();
  const v = prep.validation ?? {
    user: new Int32Array(0),
    item: new Int32Array(0),
    rating: new Float32Array(0),
    time: new Float64Array(0),
  };
  await ctx.storage.putBundle(runBlob.setup(id), {
    arrays: {
      artifact: encodeModel(prep.model),
      vUser: v.user,
      vItem: v.item,
      vRating: v.rating,
      vTime: v.time,
    },
    meta: { options: prep.options, mode, workers, trainCount: prep.train.user.length },
  });
  const state = new Float64Array(prep.options.optimizer === 'sgd' ? 0 : prep.model.params.length);
  if (mode === 'data') {
    const { set } = prep;
    const shards = createUserShards(set, workers);
    const arrays: ArrayBundle['arrays'] = {};
    for (const [name, a] of Object.entries(set)) if (typeof a !== 'number') arrays[name] = a;
    shards.forEach((users, s) => (arrays[`shard${s}`] = users));
    await ctx.storage.putBundle(runBlob.set(id), {
      arrays,
      meta: { nUsers: set.nUsers, nItems: set.nItems, mean: set.mean, size: prep.model.layout.size },
    });
    await ctx.storage.putBundle(runBlob.global(id, 1, 0), {
      arrays: { params: prep.model.params, state },
      meta: {},
    });
  } else {
    const { k } = prep.options;
    const size = prep.model.layout.size;
    const nUsers = prep.set.nUsers;
    const { partition, grid } = createBlockPartition(prep.set, workers, k);
    const arrays: ArrayBundle['arrays'] = {};
    partition.userRows.forEach((r, b) => (arrays[`u${b}`] = r));
    partition.itemRows.forEach((r, c) => (arrays[`i${c}`] = r));
    await ctx.storage.putBundle(runBlob.partition(id), {
      arrays,
      meta: { blocks: workers, k, nUsers, size },
    });
    const writes: Promise<unknown>[] = [];
    grid.forEach((row, b) =>
      row.forEach((cell, c) =>
        writes.push(ctx.storage.putBundle(runBlob.cell(id, b, c), { arrays: { ...cell }, meta: {} })),
      ),
    );
    for (let b = 0; b < workers; b++) {
      const user = sliceBlock(prep.model.params, state, partition.userRows[b]!, 0, size, k);
      const item = sliceBlock(prep.model.params, state, partition.itemRows[b]!, nUsers, size, k);
      writes.push(ctx.storage.putBundle(runBlob.userOut(id, 0, 0, b), { arrays: { ...user }, meta: {} }));
      writes.push(ctx.storage.putBundle(runBlob.itemOut(id, 0, 0, b), { arrays: { ...item }, meta: {} }));
    }
    await Promise.all(writes);
    const sources = Array.from({ length: workers }, (_, b) => b);
    await ctx.storage.putBundle(runBlob.shared(id, 1, 0), {
      arrays: {},
      meta: {
        w0: prep.model.params[0],
        w0State: 0,
        userSrc: sources.map((b) => runBlob.userOut(id, 0, 0, b)),
        itemSrc: sources.map((c) => runBlob.itemOut(id, 0, 0, c)),
      },
    });
  }
  await insertRun(ctx.db, {
    id,
    mode,
    workers,
    steps: mode === 'data' ? rounds : workers,
    options: prep.options as unknown as Record<string, unknown>,
  });
  await insertTasks(ctx.db, id, 1, 0, workers, leaseEnd(ctx));
  await Promise.all(
    Array.from({ length: workers }, (_, part) =>
      ctx.storage.sendTask({ runId: id, epoch: 1, step: 0, part }),
    ),
  );
  return id;
}
