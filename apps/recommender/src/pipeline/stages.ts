// The stage functions' work up to the training examples (split, clean, features; train and evaluate are in
// train-stages.ts). Each reads its input chunk from Blob, writes its output chunk to Blob (the same bytes on a
// repeat), records its counts once per (run, stage, chunk) with its database effects in one transaction
// (stage-record.ts), then queues what comes next. A repeated message finds its row and only re-queues the next step.
import { ratingRowSchema, type RatingRow } from '../data/import-row-schemas.ts';
import { collapseDuplicates, describe, normaliseRecord } from '../data/import-rows.ts';
import { upsertRatings } from '../store/import-repository.ts';
import { isChunkDone, setChunkTotal, updateChunkExtra } from '../store/pipeline-repository.ts';
import { decodeColumns, encodeColumns } from './column-codec.ts';
import { chunkBlob, type StageMessage } from './pipeline-storage.ts';
import { splitInput, type PipelineFormat, type RawChunk } from './split-input.ts';
import type { StageContext } from './stage-context.ts';
import { plain, record, requireRun } from './stage-record.ts';
import { maybePublish, maybeTrain } from './train-stages.ts';

const MAX_EXAMPLES = 10;

/** Split: stream the file into raw chunks, queueing `clean` for each one as soon as it is stored. */
export async function runSplit(ctx: StageContext, m: StageMessage, attempts: number): Promise<void> {
  const started = performance.now();
  const run = await requireRun(ctx, m.run);
  if (run.state !== 'running' || (await isChunkDone(ctx.db, m.run, 'split', 0))) return;
  const blob = ctx.storage.container.getBlobClient(run.blob);
  const summary = await splitInput(
    blob,
    run.format as PipelineFormat,
    run.options.chunkRows,
    async (index, chunk) => {
      await ctx.storage.putBlob(chunkBlob(m.run, 'raw', index), Buffer.from(JSON.stringify(chunk)));
      await ctx.storage.send('clean', { run: m.run, chunk: index });
    },
  );
  const skipped = Object.values(summary.skipped).reduce((a, b) => a + b, 0);
  await record(
    ctx,
    'split',
    m,
    {
      rowsIn: summary.records + skipped,
      rejected: skipped,
      reasons: summary.skipped,
      examples: summary.skippedExamples,
      written: summary.records,
      extra: { chunks: summary.chunks },
    },
    { attempts, started },
    async (tx) => setChunkTotal(tx, m.run, summary.chunks),
  );
  // Every chunk may already be evaluated (a small file): the last check happens now that the total is known.
  await maybePublish(ctx, m.run);
}

/** Clean: validate each record with the import's row schema, collapse duplicates, store the clean columns. */
export async function runClean(ctx: StageContext, m: StageMessage, attempts: number): Promise<void> {
  const started = performance.now();
  const run = await requireRun(ctx, m.run);
  if (!(await isChunkDone(ctx.db, m.run, 'clean', m.chunk))) {
    const raw = JSON.parse(
      (await ctx.storage.getBlob(chunkBlob(m.run, 'raw', m.chunk))).toString('utf8'),
    ) as RawChunk;
    const rows: RatingRow[] = [];
    const reasons: Record<string, number> = {};
    const examples: Array<{ line: number; reason: string }> = [];
    raw.records.forEach((record, r) => {
      const object: Record<string, string> = {};
      raw.columns.forEach((column, c) => {
        if (record[c] !== undefined) object[column] = record[c] as string;
      });
      const parsed = ratingRowSchema.safeParse(normaliseRecord(object));
      if (parsed.success) return void rows.push(parsed.data);
      const reason = describe(parsed.error);
      reasons[reason] = (reasons[reason] ?? 0) + 1;
      if (examples.length < MAX_EXAMPLES) examples.push({ line: raw.lines[r] ?? 0, reason });
    });
    const unique = collapseDuplicates(rows);
    const n = unique.rows.length;
    const columns = {
      user: Int32Array.from(unique.rows, (row) => row.user),
      item: Int32Array.from(unique.rows, (row) => row.item),
      rating: Float32Array.from(unique.rows, (row) => row.rating),
      time: Float64Array.from(unique.rows, (row) => row.time ?? Number.NaN),
    };
    await ctx.storage.putBlob(chunkBlob(m.run, 'clean', m.chunk), encodeColumns({ n }, columns));
    const rejected = raw.records.length - rows.length;
    const extra: Record<string, number> = { duplicatesCollapsed: unique.collapsed };
    await record(
      ctx,
      'clean',
      m,
      { rowsIn: raw.records.length, rejected, reasons, examples, written: n, extra },
      { attempts, started },
      run.options.storeRatings
        ? async (tx) => {
            const counts = await upsertRatings(tx, unique.rows, 'pipeline');
            await updateChunkExtra(tx, m.run, 'clean', m.chunk, { ...extra, ...counts });
          }
        : undefined,
    );
  }
  await ctx.storage.send('features', m);
}

/** A stable pseudo-random bucket of a (user, item) pair in [0, 1): the holdout split does not depend on chunking. */
export function pairBucket(user: number, item: number): number {
  let h = Math.imul(user ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(item + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32;
}

/** Features: the training examples of the chunk and its held-out flags (the evaluate stage's test rows). */
export async function runFeatures(ctx: StageContext, m: StageMessage, attempts: number): Promise<void> {
  const started = performance.now();
  const run = await requireRun(ctx, m.run);
  if (!(await isChunkDone(ctx.db, m.run, 'features', m.chunk))) {
    const { columns } = decodeColumns(await ctx.storage.getBlob(chunkBlob(m.run, 'clean', m.chunk)));
    const user = columns.user as Int32Array;
    const item = columns.item as Int32Array;
    const holdout = new Uint8Array(user.length);
    let heldOut = 0;
    for (let r = 0; r < user.length; r++) {
      if (pairBucket(user[r] as number, item[r] as number) < run.options.holdout) {
        holdout[r] = 1;
        heldOut += 1;
      }
    }
    const out = { user, item, rating: columns.rating as Float32Array, holdout };
    await ctx.storage.putBlob(chunkBlob(m.run, 'features', m.chunk), encodeColumns({ n: user.length }, out));
    await record(ctx, 'features', m, plain(user.length, user.length, { heldOut }), { attempts, started });
  }
  await maybeTrain(ctx, m.run, m.chunk);
}
