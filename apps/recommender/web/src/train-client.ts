// Training from the console: POST /api/train answers 202 with a job, followed on its event stream (polling
// GET /api/jobs/{id} when the stream is cut) for its state and per-epoch history.
import { api, type ApiOptions } from '@suite/console/web/api.ts';
import { followJob } from '@suite/console/web/follow-job.ts';
import type { EpochRecord, TrainJob, TrainReport } from './types.ts';

export const adminHeaders = (adminKey: string): ApiOptions['headers'] => ({ 'x-admin-key': adminKey });

/** What a run reports while it goes: the job and the epochs so far. */
export interface TrainProgress {
  jobId?: string;
  state: string;
  history: EpochRecord[];
  /** How the page hears of it: the job's event stream, or polling after the stream broke off. */
  via?: 'stream' | 'polling';
}

/** Starts training and resolves with its report; `onProgress` sees the job's epochs as they come. */
export async function train(
  adminKey: string,
  options: Record<string, unknown>,
  onProgress: (progress: TrainProgress) => void,
  signal?: AbortSignal,
): Promise<TrainReport> {
  onProgress({ state: 'running', history: [] });
  const started = await api<TrainJob>('/api/train', {
    body: options,
    headers: adminHeaders(adminKey),
    signal,
  });
  const job = await followJob<TrainJob>(started.id, {
    headers: adminHeaders(adminKey),
    signal,
    onUpdate: (current, via) =>
      onProgress({ jobId: current.id, state: current.state, history: current.history ?? [], via }),
  });
  if (job.state === 'succeeded' && job.result)
    return { ...job.result, history: job.history ?? job.result.history };
  const error = job.error;
  throw new Error(typeof error === 'string' ? error : (error?.detail ?? `training ${job.state}`));
}

/** Asks the back end to stop a job: it ends `cancelled` after the current epoch. */
export async function cancelJob(adminKey: string, jobId: string): Promise<boolean> {
  try {
    await api(`/api/jobs/${encodeURIComponent(jobId)}/cancel`, {
      method: 'POST',
      headers: adminHeaders(adminKey),
    });
    return true;
  } catch {
    return false;
  }
}
