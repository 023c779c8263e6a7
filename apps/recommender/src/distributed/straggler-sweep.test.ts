// The straggler policy on real Azurite queues and blobs and a real database: a lost worker's unit is sent
// again when its lease ends, dropped after the last attempt so the run goes on, and a lost reduce is re-sent.
import { QueueClient } from '@azure/storage-queue';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { ensureRecommenderSchema } from '../store/recommender-schema.ts';
import { getRun } from '../store/training-run-repository.ts';
import { startAzuriteStorage, type AzuriteStorage } from '../testing/azurite-storage.ts';
import { drainTrainingQueues } from '../testing/queue-drain.ts';
import { resolveTrainOptions } from '../training/train-options.ts';
import type { RunContext } from './run-context.ts';
import { startRun } from './start-run.ts';
import { sweepTrainingRuns } from './straggler-sweep.ts';
import { handleReduceMessage, handleTaskMessage } from './training-runs.ts';
import { createTrainingStorage, REDUCE_QUEUE } from './training-storage.ts';
import { taskMessageSchema, reduceMessageSchema } from './training-messages.ts';

const data = createSyntheticData({ nUsers: 40, nItems: 30, perUser: 12 });
const input = { ratings: data.ratings, users: data.users, items: data.items };
const LEASE = 10_000;

describe.each(testEngines())('straggler policy on %s', (engine) => {
  let azurite: AzuriteStorage;
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let ctx: RunContext;
  let clock = Date.now();
  beforeAll(async () => {
    azurite = await startAzuriteStorage();
    db = await createTestDb(engine);
    await ensureRecommenderSchema(db);
    ctx = {
      db,
      storage: createTrainingStorage({ account: azurite.connectionString, container: 'sweep' }),
      publish: async () => ({ version: 'v-test', sizeBytes: 1 }),
      leaseMs: LEASE,
      maxAttempts: 2,
      now: () => new Date(clock),
    };
  });
  afterAll(async () => {
    await db?.dispose();
    await azurite?.stop();
  });

  const drain = (id: string) =>
    drainTrainingQueues(
      azurite.connectionString,
      {
        task: (m) => handleTaskMessage(ctx, taskMessageSchema.parse(m)),
        reduce: (m) => handleReduceMessage(ctx, reduceMessageSchema.parse(m)),
      },
      { until: async () => (await getRun(db, id))?.state !== 'running', timeoutMs: 60_000 },
    );
  const options = () => resolveTrainOptions({ kind: 'fm', k: 4, epochs: 2, averageFrom: 0 });

  it('re-sends a lost unit after its lease, then drops it so the run finishes without it', async () => {
    clock = Date.now();
    const id = await startRun(ctx, 'data', 2, 1, options(), input);
    expect(await handleTaskMessage(ctx, { runId: id, epoch: 1, step: 0, part: 0 })).toBe('done');
    // Part 1's worker is lost. Within its lease nothing happens.
    expect(await sweepTrainingRuns(ctx)).toMatchObject({ resent: 0, dropped: 0 });
    clock += LEASE + 1;
    expect(await sweepTrainingRuns(ctx)).toMatchObject({ resent: 1, dropped: 0 });
    clock += LEASE + 1;
    expect(await sweepTrainingRuns(ctx)).toMatchObject({ resent: 0, dropped: 1 });
    // A late worker of the dropped unit changes nothing.
    expect(await handleTaskMessage(ctx, { runId: id, epoch: 1, step: 0, part: 1 })).toBe('stale');
    await drain(id);
    const run = await getRun(db, id);
    expect(run?.state).toBe('succeeded');
    expect(run?.history[0]).toMatchObject({ epoch: 1, skippedUnits: ['0.1'], retriedUnits: ['0.1'] });
    expect(run?.history[1]).toMatchObject({ epoch: 2, skippedUnits: [] });
  });

  it('re-sends a reduce whose message was lost', async () => {
    clock = Date.now();
    const id = await startRun(
      ctx,
      'model',
      1,
      1,
      resolveTrainOptions({ kind: 'mf', k: 4, epochs: 1 }),
      input,
    );
    expect(await handleTaskMessage(ctx, { runId: id, epoch: 1, step: 0, part: 0 })).toBe('done');
    const reducing = await getRun(db, id);
    expect(reducing?.phase).toBe('reducing');
    await new QueueClient(azurite.connectionString, REDUCE_QUEUE).clearMessages();
    // The reduce's claim is stamped by the database clock (updatedAt, read back in whole ms): the sweep's clock is
    // set from that stamp, not from Date.now() before the run, which the work since then (seconds on a loaded
    // machine) would eat into.
    const claimed = Date.parse(reducing!.updatedAt);
    clock = claimed + LEASE - 1;
    expect(await sweepTrainingRuns(ctx)).toMatchObject({ reducesResent: 0 });
    clock = claimed + LEASE + 1;
    expect(await sweepTrainingRuns(ctx)).toMatchObject({ reducesResent: 1 });
    await drain(id);
    expect((await getRun(db, id))?.state).toBe('succeeded');
  });
});
