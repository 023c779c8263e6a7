// Delivers real Storage-queue messages to the training handlers the way the Functions host does until the
// host's own queue trigger is used: receive with a visibility timeout, decode base64 JSON, call the handler,
// delete on success, leave the message to reappear on failure. Used by tests and benches, never by the app.
import { QueueClient } from '@azure/storage-queue';
import { REDUCE_QUEUE, TASK_QUEUE } from '../distributed/training-storage.ts';

export interface DrainHandlers {
  task(message: unknown): Promise<unknown>;
  reduce(message: unknown): Promise<unknown>;
}

export interface DrainOptions {
  /** Stop when this turns true (checked between polls). */
  until: () => Promise<boolean>;
  /** Give up after this long (ms). */
  timeoutMs?: number;
  visibilityTimeoutSeconds?: number;
  /** Called before a task message is handled; throwing simulates a crashed worker (the message stays). */
  beforeTask?: (message: unknown) => void;
  /** Messages handled concurrently per poll (one process: concurrency, not parallel CPU). */
  batch?: number;
}

export interface DrainReport {
  tasks: number;
  reduces: number;
  failures: number;
  polls: number;
  /** The last few handler errors (a failed message stays in its queue and is delivered again). */
  errors: unknown[];
}

const decode = (text: string): unknown => JSON.parse(Buffer.from(text, 'base64').toString('utf8'));

export async function drainTrainingQueues(
  connectionString: string,
  handlers: DrainHandlers,
  options: DrainOptions,
): Promise<DrainReport> {
  const queues = [
    { client: new QueueClient(connectionString, TASK_QUEUE), kind: 'task' as const },
    { client: new QueueClient(connectionString, REDUCE_QUEUE), kind: 'reduce' as const },
  ];
  const report: DrainReport = { tasks: 0, reduces: 0, failures: 0, polls: 0, errors: [] };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await options.until())) {
    if (Date.now() > deadline) throw new Error(`queues not drained in time: ${JSON.stringify(report)}`);
    report.polls++;
    let got = 0;
    for (const q of queues) {
      const r = await q.client.receiveMessages({
        numberOfMessages: options.batch ?? 4,
        visibilityTimeout: options.visibilityTimeoutSeconds ?? 30,
      });
      got += r.receivedMessageItems.length;
      await Promise.all(
        r.receivedMessageItems.map(async (m) => {
          const body = decode(m.messageText);
          try {
            if (q.kind === 'task') {
              options.beforeTask?.(body);
              await handlers.task(body);
              report.tasks++;
            } else {
              await handlers.reduce(body);
              report.reduces++;
            }
            await q.client.deleteMessage(m.messageId, m.popReceipt);
          } catch (error) {
            report.failures++;
            report.errors = [...report.errors.slice(-4), error];
          }
        }),
      );
    }
    if (got === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return report;
}
