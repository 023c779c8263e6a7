// A job as server-sent events: the stored view each time it changes, read from the database so a client follows
// a job whichever instance runs it, until the job ends.
import { FINISHED_STATES, type JobView } from './job-types.ts';

export interface JobEventStreamOptions {
  /** Reads the job (throws when it is gone). */
  read: () => Promise<JobView>;
  /** The first view, already read (so a missing job is a 404 before the stream starts). */
  first: JobView;
  /** Between two reads. Default 500 ms. */
  pollMs?: number;
}

const encoder = new TextEncoder();
const frame = (event: string, data: unknown) =>
  encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * `event: job` with the whole view on every change (progress, a new epoch, the final state), then the stream
 * closes. A read failure ends the stream with `event: error`.
 */
export function createJobEventStream(options: JobEventStreamOptions): ReadableStream<Uint8Array> {
  const pollMs = options.pollMs ?? 500;
  let last = options.first;
  let timer: NodeJS.Timeout | undefined;
  const wait = () => new Promise<void>((resolve) => (timer = setTimeout(resolve, pollMs)));
  const changed = (a: JobView, b: JobView) =>
    a.updatedAt !== b.updatedAt || a.state !== b.state || a.history.length !== b.history.length;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(frame('job', last));
      if (FINISHED_STATES.has(last.state)) controller.close();
    },
    async pull(controller) {
      for (;;) {
        await wait();
        let next: JobView;
        try {
          next = await options.read();
        } catch {
          controller.enqueue(frame('error', { title: 'the job could not be read' }));
          controller.close();
          return;
        }
        if (!changed(last, next)) continue;
        last = next;
        controller.enqueue(frame('job', next));
        if (FINISHED_STATES.has(next.state)) controller.close();
        return;
      }
    },
    cancel() {
      clearTimeout(timer);
    },
  });
}
