// Runs training work as a job: stored at once (queued), run in the background, its progress and per-epoch
// history written as it goes, cancellable between epochs from this or another instance.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/types.ts';
import { SuiteError } from '../errors/index.ts';
import { toProblem } from '../http/problem.ts';
import { createJobEventStream } from './job-event-stream.ts';
import { createJobStore, type JobStore } from './job-store.ts';
import type { JobView } from './job-types.ts';

/** Thrown by {@link JobContext.report} once the job was asked to stop; the runner records it as `cancelled`. */
export class JobCancelledError extends SuiteError {
  constructor(id: string) {
    super(`job ${id} was cancelled`, { code: 'cancelled', status: 409 });
  }
}

/** What the work sees of its job. */
export interface JobContext {
  readonly id: string;
  /** Aborted when a cancel reaches this instance. */
  readonly signal: AbortSignal;
  /**
   * Record progress (0..1) and, optionally, one history record (an epoch). Throws {@link JobCancelledError} when
   * the job was cancelled meanwhile, so a trainer that reports between epochs stops there.
   */
  report(progress: number, record?: unknown): Promise<void>;
}

export interface StartedJob<T> {
  /** The job as stored (queued), for the 202 answer. */
  job: JobView;
  /** Settles with the work's outcome (rejects with its error) once the job's final state is stored. */
  done: Promise<T>;
}

export interface JobRunner {
  /** Store a queued job and run `work` in the background; a ConflictError while another job is active. */
  start<T>(
    kind: string,
    params: unknown,
    work: (job: JobContext) => Promise<T>,
    toResult?: (value: T) => unknown,
  ): Promise<StartedJob<T>>;
  get(id: string): Promise<JobView>;
  /** Ask an active job to stop (its trainer stops at its next report); 404 unknown, 409 already ended. */
  cancel(id: string): Promise<JobView>;
  /** The newest jobs first. */
  list(limit?: number): Promise<JobView[]>;
  /** The job as server-sent events until it ends; a NotFoundError before any stream when it does not exist. */
  events(id: string, pollMs?: number): Promise<ReadableStream<Uint8Array>>;
}

export interface JobRunnerOptions {
  db: Db;
  /** The app's job table (created by its own migration). */
  table: string;
  /** Awaited before any query (the app's schema guard). */
  ready: () => Promise<unknown>;
  /** A running job silent this long is taken for abandoned (its instance died). Default 10 minutes. */
  staleAfterMs?: number;
  log?: (message: string, error?: unknown) => void;
}

/** Creates the job runner of one app on its job table. */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const store: JobStore = createJobStore(options.db, options.table, options.staleAfterMs ?? 10 * 60_000);
  const local = new Map<string, AbortController>();
  const log = options.log ?? ((m: string, e?: unknown) => console.warn(m, e ?? ''));

  async function run<T>(id: string, work: (job: JobContext) => Promise<T>, toResult: (value: T) => unknown) {
    const controller = new AbortController();
    local.set(id, controller);
    const context: JobContext = {
      id,
      signal: controller.signal,
      async report(progress, record) {
        if (controller.signal.aborted) throw new JobCancelledError(id);
        const cancelled = await store.report(id, Math.min(1, Math.max(0, progress)), record);
        if (cancelled || controller.signal.aborted) {
          controller.abort();
          throw new JobCancelledError(id);
        }
      },
    };
    try {
      if (await store.markRunning(id)) throw new JobCancelledError(id);
      const value = await work(context);
      await store.finish(id, 'succeeded', { result: toResult(value) });
      return value;
    } catch (error) {
      const cancelled = error instanceof JobCancelledError || controller.signal.aborted;
      const problem = toProblem(cancelled ? new JobCancelledError(id) : error).jsonBody;
      await store
        .finish(id, cancelled ? 'cancelled' : 'failed', { error: problem })
        .catch((e: unknown) => log(`recording the end of job ${id} failed`, e));
      throw cancelled ? new JobCancelledError(id) : error;
    } finally {
      local.delete(id);
    }
  }

  return {
    async start(kind, params, work, toResult = (v) => v) {
      await options.ready();
      const job = await store.create(randomUUID(), kind, params);
      // Started after this tick, so the caller answers 202 before any training CPU is spent.
      const done = new Promise<void>((resolve) => setImmediate(resolve)).then(() =>
        run(job.id, work, toResult),
      );
      done.catch(() => {}); // the outcome is stored; a caller that awaits `done` still sees the rejection
      return { job, done };
    },
    async get(id) {
      await options.ready();
      return store.get(id);
    },
    async cancel(id) {
      await options.ready();
      const job = await store.requestCancel(id);
      local.get(id)?.abort();
      return job;
    },
    async list(limit = 20) {
      await options.ready();
      return store.list(limit);
    },
    async events(id, pollMs) {
      await options.ready();
      const first = await store.get(id);
      return createJobEventStream({ first, read: () => store.get(id), ...(pollMs ? { pollMs } : {}) });
    },
  };
}
