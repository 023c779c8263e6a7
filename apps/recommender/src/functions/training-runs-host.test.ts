// Distributed training over the real dev host: its queue triggers poll Azurite and run the units and reduces,
// with no delivery loop of the test's own, on each database engine.
import { resolve } from 'node:path';
import { getDb, resetDb } from '@suite/shared/db';
import { useTestHost } from '@suite/host/testing';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView } from '../distributed/run-view.ts';
import { createTrainingStorage } from '../distributed/training-storage.ts';
import { startAzuriteStorage, type AzuriteStorage } from '../testing/azurite-storage.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';

// Storage of its own, not CI's shared account: the queue names are fixed by the triggers, and another host polling
// the same queues (pipelines.test.ts) would take this run's messages.
let azurite: AzuriteStorage;
const admin = { 'content-type': 'application/json', 'x-admin-key': TEST_ADMIN_KEY };

beforeAll(async () => {
  azurite = await startAzuriteStorage();
  process.env.AzureWebJobsStorage = azurite.connectionString;
  await getDb().query('SELECT 1');
});

afterAll(async () => {
  await resetDb();
  await azurite?.stop();
});

// After the hooks above: the host starts on the database and storage they set up, and closes before them.
const host = useTestHost(resolve(import.meta.dirname, '../index.ts'));

async function waitForEnd(id: string): Promise<RunView> {
  let run: RunView | undefined;
  for (let i = 0; i < 1200; i++) {
    run = (await (await fetch(`${host.url}/api/training-runs/${id}`, { headers: admin })).json()) as RunView;
    if (run.state !== 'running') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} still running: ${JSON.stringify(run)}`);
}

describe.each(testEngines())('training runs over the dev host and Azurite on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    const storage = createTrainingStorage({
      account: azurite.connectionString,
      container: `host-${engine}`,
    });
    kit = await createRecommenderTestKit(engine, { trainingStorage: storage });
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit?.dispose();
  });

  it.each([
    ['data', { mode: 'data', workers: 2, rounds: 2, options: { k: 4, epochs: 2 } }, 2 * 2],
    ['model', { mode: 'model', workers: 2, options: { k: 4, epochs: 2 } }, 2 * 2],
  ] as const)(
    'runs a %s-parallel run to a published model through the host queue triggers',
    async (_m, body, units) => {
      const started = await fetch(`${host.url}/api/training-runs`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify(body),
      });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as RunView;
      const run = await waitForEnd(id);
      expect(run.state).toBe('succeeded');
      expect(run.epochs).toHaveLength(2);
      expect(run.result?.version).toBeTruthy();
      expect(units).toBe(run.stepsPerEpoch * run.workers);
    },
    150_000,
  );
});
