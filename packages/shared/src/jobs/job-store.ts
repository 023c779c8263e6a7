// The SQL of training jobs, on a table each app creates with its own migration (same columns, its own name), so
// any instance can read a job another one runs, and a partial unique index admits one active job at a time.
import { ConflictError, NotFoundError } from '../errors/index.ts';
import { getSqlState } from '../db/db-errors.ts';
import type { Queryable } from '../db/types.ts';
import type { JobState, JobView } from './job-types.ts';

const ACTIVE = `state IN ('queued', 'running')`;
const TABLE_NAME = /^[a-z][a-z0-9_]*$/;

interface JobRow {
  id: string;
  kind: string;
  state: JobState;
  params: unknown;
  progress: number;
  history: unknown[];
  result: unknown;
  error: unknown;
  cancel_requested: boolean;
  created_at: Date | string;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  updated_at: Date | string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toView(row: JobRow): JobView {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    progress: Number(row.progress),
    params: row.params,
    history: row.history,
    result: row.result ?? null,
    error: (row.error ?? null) as JobView['error'],
    cancelRequested: row.cancel_requested,
    createdAt: iso(row.created_at) as string,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    updatedAt: iso(row.updated_at) as string,
  };
}

export interface JobStore {
  /** Insert a queued job; a ConflictError (retryable) while another job is active. */
  create(id: string, kind: string, params: unknown): Promise<JobView>;
  /** Queued -> running; returns whether to stop (cancelled while queued, or taken for abandoned). */
  markRunning(id: string): Promise<boolean>;
  /** Record progress (and an epoch, if any); returns whether to stop (a cancel, or the job is no longer active). */
  report(id: string, progress: number, record?: unknown): Promise<boolean>;
  finish(
    id: string,
    state: 'succeeded' | 'failed' | 'cancelled',
    outcome: { result?: unknown; error?: unknown },
  ): Promise<void>;
  get(id: string): Promise<JobView>;
  /** Flag an active job for cancellation; 404 when unknown, 409 when it has already ended. */
  requestCancel(id: string): Promise<JobView>;
  list(limit: number): Promise<JobView[]>;
}

/**
 * The job SQL on `table`. A job whose instance died holds the one-active slot until `staleAfterMs` pass with no
 * progress reported; the next start then marks it failed.
 */
export function createJobStore(db: Queryable, table: string, staleAfterMs: number): JobStore {
  if (!TABLE_NAME.test(table)) throw new RangeError(`invalid job table name: ${table}`);
  const one = async (sql: string, params: unknown[]) => {
    const { rows } = await db.query<JobRow>(sql, params);
    return rows[0];
  };
  const get = async (id: string) => {
    const row = await one(`SELECT * FROM ${table} WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError(`no job ${id}`);
    return toView(row);
  };
  return {
    async create(id, kind, params) {
      await db.query(
        `UPDATE ${table} SET state = 'failed', finished_at = now(), updated_at = now(),
           error = jsonb_build_object('type', 'urn:suite:problem:abandoned', 'title', 'Abandoned', 'status', 500,
             'code', 'abandoned', 'detail', 'the instance running this job stopped reporting progress')
         WHERE ${ACTIVE} AND updated_at < now() - make_interval(secs => $1)`,
        [staleAfterMs / 1000],
      );
      try {
        const row = await one(
          `INSERT INTO ${table} (id, kind, state, params) VALUES ($1, $2, 'queued', $3) RETURNING *`,
          [id, kind, JSON.stringify(params ?? {})],
        );
        return toView(row as JobRow);
      } catch (error) {
        if (getSqlState(error) !== '23505') throw error;
        const active = await one(`SELECT * FROM ${table} WHERE ${ACTIVE} LIMIT 1`, []);
        throw new ConflictError('a training job is already running; retry when it has finished', {
          retryable: true,
          ...(active ? { activeJob: active.id } : {}),
        });
      }
    },
    async markRunning(id) {
      const row = await one(
        `UPDATE ${table} SET state = 'running', started_at = now(), updated_at = now()
         WHERE id = $1 AND state = 'queued' RETURNING cancel_requested`,
        [id],
      );
      return row?.cancel_requested ?? true;
    },
    async report(id, progress, record) {
      const row = await one(
        `UPDATE ${table} SET progress = $2, updated_at = now(),
           history = CASE WHEN $3::jsonb IS NULL THEN history ELSE history || jsonb_build_array($3::jsonb) END
         WHERE id = $1 AND ${ACTIVE} RETURNING cancel_requested`,
        [id, progress, record === undefined ? null : JSON.stringify(record)],
      );
      // No active row: another instance took the job for abandoned; stop as if cancelled.
      return row?.cancel_requested ?? true;
    },
    async finish(id, state, outcome) {
      await db.query(
        `UPDATE ${table} SET state = $2, result = $3, error = $4, finished_at = now(), updated_at = now(),
           progress = CASE WHEN $2 = 'succeeded' THEN 1 ELSE progress END
         WHERE id = $1 AND ${ACTIVE}`,
        [
          id,
          state,
          outcome.result === undefined ? null : JSON.stringify(outcome.result),
          outcome.error === undefined ? null : JSON.stringify(outcome.error),
        ],
      );
    },
    get,
    async requestCancel(id) {
      const row = await one(
        `UPDATE ${table} SET cancel_requested = true, updated_at = now() WHERE id = $1 AND ${ACTIVE} RETURNING *`,
        [id],
      );
      if (row) return toView(row);
      const job = await get(id);
      throw new ConflictError(`job ${id} has already ended (${job.state})`, { state: job.state });
    },
    async list(limit) {
      const { rows } = await db.query<JobRow>(`SELECT * FROM ${table} ORDER BY created_at DESC LIMIT $1`, [
        limit,
      ]);
      return rows.map(toView);
    },
  };
}
