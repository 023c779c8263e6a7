// SQL of distributed training runs: the run row (its task rows: training-task-repository.ts). A step's reduce is
// claimed by exactly one caller, and every transition names the epoch/step it expects, so a duplicated or late
// message changes nothing.
import type { Db, Queryable } from '@suite/shared/db';
import { insertTasks } from './training-task-repository.ts';

export type RunMode = 'data' | 'model';
export type RunState = 'running' | 'succeeded' | 'failed';
export type RunPhase = 'working' | 'reducing' | 'done';

export interface RunRow {
  id: string;
  mode: RunMode;
  workers: number;
  steps: number;
  state: RunState;
  phase: RunPhase;
  epoch: number;
  step: number;
  options: Record<string, unknown>;
  history: Record<string, unknown>[];
  result: Record<string, unknown> | null;
  error: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

function toRun(r: Record<string, unknown>): RunRow {
  return {
    id: String(r.id),
    mode: r.mode as RunMode,
    workers: Number(r.workers),
    steps: Number(r.steps),
    state: r.state as RunState,
    phase: r.phase as RunPhase,
    epoch: Number(r.epoch),
    step: Number(r.step),
    options: r.options as Record<string, unknown>,
    history: r.history as Record<string, unknown>[],
    result: (r.result as Record<string, unknown> | null) ?? null,
    error: (r.error as Record<string, unknown> | null) ?? null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    finishedAt: r.finished_at ? iso(r.finished_at) : null,
  };
}

export async function insertRun(
  db: Queryable,
  run: { id: string; mode: RunMode; workers: number; steps: number; options: Record<string, unknown> },
): Promise<void> {
  await db.query(
    `INSERT INTO rec_training_runs (id, mode, workers, steps, state, phase, options)
     VALUES ($1, $2, $3, $4, 'running', 'working', $5)`,
    [run.id, run.mode, run.workers, run.steps, JSON.stringify(run.options)],
  );
}

export async function getRun(db: Queryable, id: string): Promise<RunRow | undefined> {
  const r = await db.query<Record<string, unknown>>('SELECT * FROM rec_training_runs WHERE id = $1', [id]);
  return r.rows[0] ? toRun(r.rows[0]) : undefined;
}

export async function listRuns(db: Queryable, limit: number): Promise<RunRow[]> {
  const r = await db.query<Record<string, unknown>>(
    'SELECT * FROM rec_training_runs ORDER BY created_at DESC LIMIT $1',
    [limit],
  );
  return r.rows.map(toRun);
}

/** Claim the reduce of a step whose units are all in: true for exactly one caller. */
export async function claimReduce(
  db: Queryable,
  runId: string,
  epoch: number,
  step: number,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE rec_training_runs SET phase = 'reducing', updated_at = now()
     WHERE id = $1 AND epoch = $2 AND step = $3 AND phase = 'working' AND state = 'running' RETURNING id`,
    [runId, epoch, step],
  );
  return r.rows.length === 1;
}

/**
 * Move a reducing run to its next step and create that step's tasks, in one transaction; false (nothing
 * changed) when the run is no longer reducing that step (a duplicated reduce).
 */
export async function advanceRun(
  db: Db,
  from: { runId: string; epoch: number; step: number },
  to: { epoch: number; step: number; parts: number; leaseUntil: Date },
  record: Record<string, unknown> | undefined,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const r = await tx.query(
      `UPDATE rec_training_runs SET epoch = $4, step = $5, phase = 'working', updated_at = now(),
         history = CASE WHEN $6::jsonb IS NULL THEN history ELSE history || jsonb_build_array($6::jsonb) END
       WHERE id = $1 AND epoch = $2 AND step = $3 AND phase = 'reducing' RETURNING id`,
      [from.runId, from.epoch, from.step, to.epoch, to.step, record ? JSON.stringify(record) : null],
    );
    if (r.rows.length !== 1) return false;
    await insertTasks(tx, from.runId, to.epoch, to.step, to.parts, to.leaseUntil);
    return true;
  });
}

/** End a run (from the step it is at); false when it had already ended. */
export async function finishRun(
  db: Queryable,
  runId: string,
  end: { state: 'succeeded' | 'failed'; result?: Record<string, unknown>; error?: Record<string, unknown> },
  record?: Record<string, unknown>,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE rec_training_runs SET state = $2, phase = 'done', result = $3, error = $4, updated_at = now(),
       finished_at = now(),
       history = CASE WHEN $5::jsonb IS NULL THEN history ELSE history || jsonb_build_array($5::jsonb) END
     WHERE id = $1 AND state = 'running' RETURNING id`,
    [
      runId,
      end.state,
      end.result ? JSON.stringify(end.result) : null,
      end.error ? JSON.stringify(end.error) : null,
      record ? JSON.stringify(record) : null,
    ],
  );
  return r.rows.length === 1;
}

/** Runs stuck reducing since before `cutoff` (the reduce message was lost or its reducer died); touched. */
export async function takeStuckReduces(db: Queryable, cutoff: Date): Promise<RunRow[]> {
  const r = await db.query<Record<string, unknown>>(
    `UPDATE rec_training_runs SET updated_at = now()
     WHERE state = 'running' AND phase = 'reducing' AND updated_at < $1::timestamptz RETURNING *`,
    [cutoff.toISOString()],
  );
  return r.rows.map(toRun);
}
