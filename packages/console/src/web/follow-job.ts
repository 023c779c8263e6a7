// Follows a job (training) to its end through its server-sent events, GET /api/jobs/{id}/events, read with
// fetch so the request carries the same headers as every other call (EventSource cannot send any, so an app that
// asks for an API key would refuse it, and a key in the URL would end up in logs). Falls back to polling
// GET /api/jobs/{id} when the stream cannot be opened or stops before the job ends (a proxy cutting it off).
import { api, apiKeyHeaders, toError } from './api.ts';
import { readSse } from './sse.ts';

/** What the consoles read of a job (`@suite/shared/jobs` JobView). */
export interface JobSnapshot {
  id: string;
  state: string;
  progress?: number;
}

/** Options of {@link followJob}. */
export interface FollowJobOptions<J> {
  /** Sent with the stream and every poll, e.g. the admin key. */
  headers?: Record<string, string>;
  /** Called with each new view of the job, the final one included. */
  onUpdate(job: J, via: 'stream' | 'polling'): void;
  signal?: AbortSignal;
  /** Between two polls when falling back. Default 500 ms. */
  pollMs?: number;
}

const FINISHED = new Set(['succeeded', 'failed', 'cancelled']);

/**
 * Resolves with the job once it succeeded, failed or was cancelled.
 * @example const job = await followJob<TrainJob>(id, { headers: { 'x-admin-key': key }, onUpdate: setJob });
 */
export async function followJob<J extends JobSnapshot>(id: string, options: FollowJobOptions<J>): Promise<J> {
  const path = `/api/jobs/${encodeURIComponent(id)}`;
  const headers = { ...apiKeyHeaders(), ...options.headers };
  try {
    const response = await fetch(`${path}/events`, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: options.signal,
    });
    if (!response.ok) throw await toError(response);
    for await (const event of readSse(response)) {
      if (event.event !== 'job') break;
      const job = JSON.parse(event.data) as J;
      options.onUpdate(job, 'stream');
      if (FINISHED.has(job.state)) return job;
    }
  } catch (failure) {
    if (options.signal?.aborted) throw failure;
  }
  for (;;) {
    const job = await api<J>(path, { headers, signal: options.signal });
    options.onUpdate(job, 'polling');
    if (FINISHED.has(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
