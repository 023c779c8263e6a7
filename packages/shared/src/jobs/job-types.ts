// What a training job looks like to clients: GET /api/jobs/{id} and each event of its stream.
import type { ProblemBody } from '../http/problem.ts';

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** The terminal states: a job in one of them never changes again. */
export const FINISHED_STATES: ReadonlySet<JobState> = new Set(['succeeded', 'failed', 'cancelled']);

export interface JobView {
  id: string;
  /** What the job does, e.g. `train`. */
  kind: string;
  state: JobState;
  /** 0..1; 1 once succeeded. */
  progress: number;
  /** The resolved options the job runs with. */
  params: unknown;
  /** One record per epoch (or stage) as the trainer reports it, oldest first. */
  history: unknown[];
  /** The job's outcome once succeeded (e.g. the published version and its metrics). */
  result: unknown;
  /** A problem+json body once failed or cancelled. */
  error: ProblemBody | null;
  cancelRequested: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  updatedAt: string;
}
