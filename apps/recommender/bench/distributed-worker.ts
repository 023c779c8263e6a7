// One "function instance" for bench/distributed-speed.ts: a separate process that polls the training queues
// and runs the same handlers the queue-triggered functions run, one message at a time (host.json batchSize 1),
// until the run ends; then prints what it measured as one JSON line.
// Env: DATABASE_URL (with the run's schema as search_path), TRAINING_STORAGE, TRAINING_CONTAINER, RUN_ID.
import { getDb } from '@suite/shared/db';
import type { RunContext } from '../src/distributed/run-context.ts';
import { handleReduceMessage, handleTaskMessage } from '../src/distributed/training-runs.ts';
import { reduceMessageSchema, taskMessageSchema } from '../src/distributed/training-messages.ts';
import { createTrainingStorage } from '../src/distributed/training-storage.ts';
import { getRun } from '../src/store/training-run-repository.ts';
import { drainTrainingQueues } from '../src/testing/queue-drain.ts';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};
env('DATABASE_URL');
const db = getDb();
const storage = createTrainingStorage({
  account: env('TRAINING_STORAGE'),
  container: env('TRAINING_CONTAINER'),
});
const ctx: RunContext = {
  db,
  storage,
  publish: async () => ({ version: 'bench', sizeBytes: 0 }),
  leaseMs: 600_000,
  maxAttempts: 3,
  now: () => new Date(),
};
const runId = env('RUN_ID');
await getRun(db, runId); // connect before counting as ready
const readyMs = process.uptime() * 1000;
const taskMs: number[] = [];
const reduceMs: number[] = [];
const timed = async (into: number[], fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  into.push(performance.now() - t0);
};
const cpu0 = process.cpuUsage();
const report = await drainTrainingQueues(
  env('TRAINING_STORAGE'),
  {
    task: (m) => timed(taskMs, () => handleTaskMessage(ctx, taskMessageSchema.parse(m))),
    reduce: (m) => timed(reduceMs, () => handleReduceMessage(ctx, reduceMessageSchema.parse(m))),
  },
  { until: async () => (await getRun(db, runId))?.state !== 'running', timeoutMs: 3_600_000, batch: 1 },
);
const cpu = process.cpuUsage(cpu0);
const t = storage.timings;
console.log(
  JSON.stringify({
    worker: process.pid,
    readyMs,
    tasks: report.tasks,
    reduces: report.reduces,
    failures: report.failures,
    taskMs,
    reduceMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    blob: { read: t.blobRead, readBytes: t.blobReadBytes, write: t.blobWrite, writeBytes: t.blobWriteBytes },
    queueSend: t.queueSend,
  }),
);
await db.close();
