// The sequential half of the pipeline: train each chunk on the state the previous one left (in chunk order), evaluate
// the model after it on the chunk's held-out rows, and queue the publish once every chunk is evaluated.
import { countDone, getRun, isChunkDone } from '../store/pipeline-repository.ts';
import { decodeColumns, encodeColumns } from './column-codec.ts';
import { chunkBlob, stateBlob, type StageMessage } from './pipeline-storage.ts';
import type { StageContext } from './stage-context.ts';
import { plain, record, requireRun } from './stage-record.ts';
import { createStreamMfState, evaluateChunk, trainChunk, type StreamMfState } from './stream-mf.ts';

/** Queues `train` for `chunk` once its features are in and the previous chunk is trained (training is sequential). */
export async function maybeTrain(ctx: StageContext, run: string, chunk: number): Promise<void> {
  const ready =
    (await isChunkDone(ctx.db, run, 'features', chunk)) &&
    (chunk === 0 || (await isChunkDone(ctx.db, run, 'train', chunk - 1)));
  if (ready && !(await isChunkDone(ctx.db, run, 'train', chunk)))
    await ctx.storage.send('train', { run, chunk });
}

export async function loadState(
  ctx: StageContext,
  run: string,
  chunk: number,
  k: number,
): Promise<StreamMfState> {
  if (chunk < 0) return createStreamMfState(k);
  const { meta, columns } = decodeColumns(await ctx.storage.getBlob(stateBlob(run, chunk)));
  return {
    k: meta.k as number,
    ratingSum: meta.ratingSum as number,
    ratingCount: meta.ratingCount as number,
    userIds: columns.userIds as Int32Array,
    itemIds: columns.itemIds as Int32Array,
    itemCount: columns.itemCount as Int32Array,
    params: columns.params as Float64Array,
    optState: columns.optState as Float64Array,
  };
}

async function loadFeatures(ctx: StageContext, run: string, chunk: number) {
  const { columns } = decodeColumns(await ctx.storage.getBlob(chunkBlob(run, 'features', chunk)));
  return {
    user: columns.user as Int32Array,
    item: columns.item as Int32Array,
    rating: columns.rating as Float32Array,
    holdout: columns.holdout as Uint8Array,
  };
}

/** Train: one chunk on the state after the previous one (pipeline order), writing the state after this one. */
export async function runTrain(ctx: StageContext, m: StageMessage, attempts: number): Promise<void> {
  const started = performance.now();
  const run = await requireRun(ctx, m.run);
  if (!(await isChunkDone(ctx.db, m.run, 'train', m.chunk))) {
    if (m.chunk > 0 && !(await isChunkDone(ctx.db, m.run, 'train', m.chunk - 1))) return; // queued again in order
    const o = run.options;
    const before = await loadState(ctx, m.run, m.chunk - 1, o.k);
    const rows = await loadFeatures(ctx, m.run, m.chunk);
    const { state, trained, sse } = trainChunk(before, rows, { ...o, seed: o.seed + m.chunk });
    const { params, optState, userIds, itemIds, itemCount } = state;
    await ctx.storage.putBlob(
      stateBlob(m.run, m.chunk),
      encodeColumns(
        { k: state.k, ratingSum: state.ratingSum, ratingCount: state.ratingCount },
        { userIds, itemIds, itemCount, params, optState },
      ),
    );
    const extra = { users: userIds.length, items: itemIds.length, trainSse: sse };
    await record(ctx, 'train', m, plain(rows.user.length, trained, extra), { attempts, started });
  }
  await ctx.storage.send('evaluate', m);
  await maybeTrain(ctx, m.run, m.chunk + 1);
}

/** Evaluate: the model after this chunk on the chunk's held-out rows (never trained on). */
export async function runEvaluate(ctx: StageContext, m: StageMessage, attempts: number): Promise<void> {
  const started = performance.now();
  const run = await requireRun(ctx, m.run);
  if (!(await isChunkDone(ctx.db, m.run, 'evaluate', m.chunk))) {
    const state = await loadState(ctx, m.run, m.chunk, run.options.k);
    const rows = await loadFeatures(ctx, m.run, m.chunk);
    const { sse, n, unknown } = evaluateChunk(state, rows);
    await record(ctx, 'evaluate', m, plain(n + unknown, n, { sse, n, unknown }), { attempts, started });
  }
  await maybePublish(ctx, m.run);
}

/** Queues `publish` once the split knows the chunk count and every chunk is evaluated. */
export async function maybePublish(ctx: StageContext, runId: string): Promise<void> {
  const run = await getRun(ctx.db, runId);
  if (!run || run.chunks === null || run.state !== 'running') return;
  if ((await countDone(ctx.db, runId, 'evaluate')) >= run.chunks)
    await ctx.storage.send('publish', { run: runId, chunk: 0 });
}
