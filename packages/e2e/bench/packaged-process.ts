// A packaged app in the cold-start bench: a fresh process per measurement, and requests as a client sends them.
import { startPackagedApp, type RunningPackage } from '@suite/tooling';
import { ADMIN_KEY } from './bench-lines.ts';
import type { BenchRequest } from './cold-start-requests.ts';

/** Sends `request` to `url` and times it; a training job (202 + location) is followed to its end. */
export async function send(
  url: string,
  request: BenchRequest,
): Promise<{ status: number; ms: number; body: string }> {
  const headers: Record<string, string> = {};
  let body: string | Uint8Array | undefined;
  if (request.bytes) {
    body = request.bytes();
    headers['content-type'] = 'application/octet-stream';
  } else if (request.text) {
    body = request.text();
    headers['content-type'] = 'text/csv';
  } else if (request.body) {
    body = JSON.stringify(request.body());
    headers['content-type'] = 'application/json';
  }
  if (request.admin) headers['x-admin-key'] = ADMIN_KEY;
  const started = performance.now();
  const response = await fetch(`${url}${request.path}`, { method: request.method, headers, body });
  let text = await response.text();
  let status = response.status;
  // A training job (202): follow it to its end, so the timed processes find its published model.
  const location = response.headers.get('location');
  if (status === 202 && location) {
    for (let state = 'queued'; state === 'queued' || state === 'running';) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Reading a job is admin (its options, errors and results are the admin's).
      const job = await fetch(`${url}${location}`, { headers: { 'x-admin-key': ADMIN_KEY } });
      text = await job.text();
      if (!job.ok) throw new Error(`GET ${location} answered ${job.status}: ${text.slice(0, 200)}`);
      state = (JSON.parse(text) as { state: string }).state;
      if (state === 'failed' || state === 'cancelled') status = 500;
    }
  }
  return { status, ms: performance.now() - started, body: text };
}

/** Starts the unpacked package in `dir`, runs `fn` with it and the start time, and stops it. */
export async function withProcess<T>(
  dir: string,
  env: Record<string, string | undefined>,
  fn: (p: RunningPackage, t0: number) => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  const running = await startPackagedApp({ dir, env, timeoutMs: 120_000 });
  try {
    return await fn(running, t0);
  } finally {
    await running.stop();
  }
}
