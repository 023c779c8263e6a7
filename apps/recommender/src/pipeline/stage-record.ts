// What every pipeline stage does around its work: find its run, and record its counts once per (run, stage, chunk)
// together with its database effects, so a repeated queue message changes nothing.
import { getRun, tryRecordChunk, type ChunkCounts, type RunRow } from '../store/pipeline-repository.ts';
import type { StageMessage } from './pipeline-storage.ts';
import type { RunOptions, StageContext } from './stage-context.ts';

/** Counts of a stage that rejects nothing. */
export const plain = (
  rowsIn: number,
  written: number,
  extra: Record<string, number> = {},
): Omit<ChunkCounts, 'attempts' | 'durationMs'> => ({
  rowsIn,
  rejected: 0,
  reasons: {},
  examples: [],
  written,
  extra,
});

export async function requireRun(ctx: StageContext, id: string): Promise<RunRow & { options: RunOptions }> {
  const run = await getRun(ctx.db, id);
  if (!run) throw new Error(`pipeline run ${id} does not exist`);
  return run as RunRow & { options: RunOptions };
}

/** Records counts (once) with `effects` in one transaction; returns false on a repeat. */
export async function record(
  ctx: StageContext,
  stage: string,
  m: StageMessage,
  counts: Omit<ChunkCounts, 'attempts' | 'durationMs'>,
  meta: { attempts: number; started: number },
  effects?: (tx: Parameters<Parameters<StageContext['db']['transaction']>[0]>[0]) => Promise<void>,
): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const first = await tryRecordChunk(tx, m.run, stage, m.chunk, {
      ...counts,
      attempts: meta.attempts,
      durationMs: performance.now() - meta.started,
    });
    if (first && effects) await effects(tx);
    return first;
  });
}
