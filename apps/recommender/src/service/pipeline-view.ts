// A pipeline run as GET /api/pipelines/{id} shows it: per stage the chunks done, rows in, rejections with their
// reasons and examples, rows written and the stage's own sums; the run's failures and its held-out RMSE.
import type { Db } from '@suite/shared/db';
import { NotFoundError } from '@suite/shared/errors';
import { STAGES, type Stage } from '../pipeline/pipeline-storage.ts';
import { heldOutRmse } from '../pipeline/publish-stage.ts';
import type { RunOptions, StageContext } from '../pipeline/stage-context.ts';
import { getRun, listFailures, stageDetails, stageTotals } from '../store/pipeline-repository.ts';

export interface StageView {
  stage: Stage;
  chunksDone: number;
  chunksTotal: number | null;
  rowsIn: number;
  rejected: number;
  rejectedReasons: Record<string, number>;
  rejectedExamples: Array<{ line: number; reason: string }>;
  written: number;
  /** Sums of the stage's own figures (held-out rows, duplicates collapsed, upsert counts...). */
  totals: Record<string, number>;
  durationMs: number;
}

export interface PipelineView {
  id: string;
  state: 'running' | 'succeeded' | 'failed';
  blob: string;
  format: string;
  options: RunOptions;
  chunks: number | null;
  stages: StageView[];
  failures: Array<{ stage: string; chunk: number; attempts: number; poisoned: boolean; error: string }>;
  heldOutRmse: number | null;
  modelVersion: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The run `id` with its stages; NotFoundError when there is none. */
export async function readPipelineView(db: Db, id: string): Promise<PipelineView> {
  const run = await getRun(db, id);
  if (!run) throw new NotFoundError(`pipeline run ${id} not found`);
  const [totals, details, failures, rmse] = await Promise.all([
    stageTotals(db, id),
    stageDetails(db, id),
    listFailures(db, id),
    heldOutRmse({ db: db } as StageContext, id),
  ]);
  const stages = STAGES.map((stage): StageView => {
    const t = totals.find((row) => row.stage === stage);
    const d = details.find((row) => row.stage === stage);
    const reasons: Record<string, number> = {};
    for (const chunk of d?.reasons ?? [])
      for (const [reason, count] of Object.entries(chunk)) reasons[reason] = (reasons[reason] ?? 0) + count;
    const sums: Record<string, number> = {};
    for (const chunk of d?.extra ?? [])
      for (const [key, value] of Object.entries(chunk)) sums[key] = (sums[key] ?? 0) + value;
    return {
      stage,
      chunksDone: t?.chunks ?? 0,
      chunksTotal: stage === 'split' || stage === 'publish' ? 1 : run.chunks,
      rowsIn: Number(t?.rows_in ?? 0),
      rejected: Number(t?.rejected ?? 0),
      rejectedReasons: reasons,
      rejectedExamples: ((d?.examples ?? []) as Array<Array<{ line: number; reason: string }>>)
        .flat()
        .slice(0, 20),
      written: Number(t?.written ?? 0),
      totals: sums,
      durationMs: Math.round(t?.duration_ms ?? 0),
    };
  });
  return {
    id: run.id,
    state: run.state,
    blob: run.blob,
    format: run.format,
    options: run.options as RunOptions,
    chunks: run.chunks,
    stages,
    failures,
    heldOutRmse: rmse.rmse,
    modelVersion: run.model_version,
    error: run.error,
    createdAt: new Date(run.created_at).toISOString(),
    finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
  };
}
