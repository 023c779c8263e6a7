// What GET /api/training-runs/{id} answers: the run, one record per finished epoch (train and validation RMSE,
// units retried or dropped, worker memory and time), the current step's units, and the result.
import type { Queryable } from '@suite/shared/db';
import { type RunRow } from '../store/training-run-repository.ts';
import { listTasks } from '../store/training-task-repository.ts';

export interface RunView {
  id: string;
  mode: RunRow['mode'];
  workers: number;
  stepsPerEpoch: number;
  state: RunRow['state'];
  phase: RunRow['phase'];
  epoch: number;
  step: number;
  options: Record<string, unknown>;
  epochs: Record<string, unknown>[];
  current: { queued: number; done: number; skipped: number; retried: number } | null;
  result: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
  links: { self: string };
}

export async function describeRun(db: Queryable, run: RunRow): Promise<RunView> {
  let current: RunView['current'] = null;
  if (run.state === 'running') {
    const tasks = await listTasks(db, run.id, run.epoch, run.step);
    current = {
      queued: tasks.filter((t) => t.state === 'queued').length,
      done: tasks.filter((t) => t.state === 'done').length,
      skipped: tasks.filter((t) => t.state === 'skipped').length,
      retried: tasks.filter((t) => t.attempts > 1).length,
    };
  }
  return {
    id: run.id,
    mode: run.mode,
    workers: run.workers,
    stepsPerEpoch: run.steps,
    state: run.state,
    phase: run.phase,
    epoch: run.epoch,
    step: run.step,
    options: run.options,
    epochs: run.history,
    current,
    result: run.result,
    error: run.error,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    links: { self: `/api/training-runs/${run.id}` },
  };
}
