// SQL of the task rows of distributed training runs: one row per work unit of a step. Completion counts once
// per unit (state leaves 'queued' once), so a duplicated or late message changes nothing; an expired lease is
// renewed or the unit skipped by the straggler sweep.
import type { Queryable } from '@suite/shared/db';

export interface TaskKey {
  runId: string;
  epoch: number;
  step: number;
  part: number;
}

export interface TaskRow extends TaskKey {
  state: 'queued' | 'done' | 'skipped';
  attempts: number;
  leaseUntil: string;
  result: Record<string, unknown> | null;
}

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

function toTask(r: Record<string, unknown>): TaskRow {
  return {
    runId: String(r.run_id),
    epoch: Number(r.epoch),
    step: Number(r.step),
    part: Number(r.part),
    state: r.state as TaskRow['state'],
    attempts: Number(r.attempts),
    leaseUntil: iso(r.lease_until),
    result: (r.result as Record<string, unknown> | null) ?? null,
  };
}

export async function listTasks(
  db: Queryable,
  runId: string,
  epoch: number,
  step: number,
): Promise<TaskRow[]> {
  const r = await db.query<Record<string, unknown>>(
    'SELECT * FROM rec_training_tasks WHERE run_id = $1 AND epoch = $2 AND step = $3 ORDER BY part',
    [runId, epoch, step],
  );
  return r.rows.map(toTask);
}

/** Task rows of a step, once (a repeated insert is a no-op). */
export async function insertTasks(
  db: Queryable,
  runId: string,
  epoch: number,
  step: number,
  parts: number,
  leaseUntil: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO rec_training_tasks (run_id, epoch, step, part, state, lease_until)
     SELECT $1, $2, $3, p, 'queued', $5::timestamptz FROM generate_series(0, $4 - 1) AS p
     ON CONFLICT DO NOTHING`,
    [runId, epoch, step, parts, leaseUntil.toISOString()],
  );
}

/** Mark a unit done with its result; true only for the first completion (a duplicate or a skipped unit: false). */
export async function completeTask(
  db: Queryable,
  key: TaskKey,
  result: Record<string, unknown>,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE rec_training_tasks SET state = 'done', result = $5, finished_at = now()
     WHERE run_id = $1 AND epoch = $2 AND step = $3 AND part = $4 AND state = 'queued' RETURNING part`,
    [key.runId, key.epoch, key.step, key.part, JSON.stringify(result)],
  );
  return r.rows.length === 1;
}

export async function countQueued(
  db: Queryable,
  runId: string,
  epoch: number,
  step: number,
): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM rec_training_tasks WHERE run_id = $1 AND epoch = $2 AND step = $3 AND state = 'queued'`,
    [runId, epoch, step],
  );
  return Number(r.rows[0]?.n ?? 0);
}

/** Queued units of the current step of running runs whose lease ended before `now`. */
export async function listExpiredTasks(db: Queryable, now: Date): Promise<TaskRow[]> {
  const r = await db.query<Record<string, unknown>>(
    `SELECT t.* FROM rec_training_tasks t JOIN rec_training_runs r
       ON r.id = t.run_id AND r.epoch = t.epoch AND r.step = t.step AND r.state = 'running' AND r.phase = 'working'
     WHERE t.state = 'queued' AND t.lease_until < $1::timestamptz ORDER BY t.lease_until LIMIT 500`,
    [now.toISOString()],
  );
  return r.rows.map(toTask);
}

/** Give an expired unit another attempt (new lease); false when it completed meanwhile or is out of attempts. */
export async function renewTask(
  db: Queryable,
  key: TaskKey,
  leaseUntil: Date,
  maxAttempts: number,
): Promise<boolean> {
  const r = await db.query(
    `UPDATE rec_training_tasks SET attempts = attempts + 1, lease_until = $5::timestamptz
     WHERE run_id = $1 AND epoch = $2 AND step = $3 AND part = $4 AND state = 'queued' AND attempts < $6 RETURNING part`,
    [key.runId, key.epoch, key.step, key.part, leaseUntil.toISOString(), maxAttempts],
  );
  return r.rows.length === 1;
}

/** The straggler policy's last resort: the unit is dropped from its step (true when this call dropped it). */
export async function skipTask(db: Queryable, key: TaskKey): Promise<boolean> {
  const r = await db.query(
    `UPDATE rec_training_tasks SET state = 'skipped', finished_at = now()
     WHERE run_id = $1 AND epoch = $2 AND step = $3 AND part = $4 AND state = 'queued' RETURNING part`,
    [key.runId, key.epoch, key.step, key.part],
  );
  return r.rows.length === 1;
}
