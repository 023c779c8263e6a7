// Training from the console: today POST /api/train answers when done (201); once training is a job (issue 13) it
// answers 202 with the job, which is polled at GET /api/jobs/{id} for its state and per-epoch history.
import { api, type ApiOptions } from '@suite/console/web/api.ts';
import type { EpochRecord, TrainJob, TrainReport } from './types.ts';

const POLL_MS = 500;
const FINISHED = new Set(['succeeded', 'completed', 'done', 'failed', 'cancelled', 'canceled']);

export const adminHeaders = (adminKey: string): ApiOptions['headers'] => ({ 'x-admin-key': adminKey });

/** What a run reports while it goes: the job (when there is one) and the epochs so far. */
export interface TrainProgress {
  jobId?: string;
  state: string;
  history: EpochRecord[];
}

/** Starts training and resolves with its report; `onProgress` sees the job's epochs as they come. */
export async function train(
  adminKey: string,
  options: Record<string, unknown>,
  onProgress: (progress: TrainProgress) => void,
  signal?: AbortSignal,
): Promise<TrainReport> {
  onProgress({ state: 'running', history: [] });
  const answer = await api<TrainReport | TrainJob | { job: TrainJob }>('/api/train', {
    body: options,
    headers: adminHeaders(adminKey),
    signal,
  });
  const job = 'job' in answer ? answer.job : 'state' in answer ? answer : undefined;
  if (!job) {
    const report = answer as TrainReport;
    onProgress({ state: 'succeeded', history: report.history ?? [] });
    return report;
  }
  while (true) {
    const current = await api<TrainJob>(`/api/jobs/${encodeURIComponent(job.id)}`, {
      headers: adminHeaders(adminKey),
      signal,
    });
    onProgress({ jobId: current.id, state: current.state, history: current.history ?? [] });
    if (FINISHED.has(current.state)) {
      if (current.result) return { ...current.result, history: current.history ?? current.result.history };
      const error = current.error;
      throw new Error(typeof error === 'string' ? error : (error?.detail ?? `training ${current.state}`));
    }
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

/** Asks the back end to stop a job (issue 13); false when this version cannot. */
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
