// Retention of run blobs against real Azurite and a real database engine: a finished run's working blobs go, an
// active run's stay, two passes at once delete each blob once, and a failed run's are kept for the set days.
import { createBlobServiceClient } from '@suite/shared/storage';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainingStorage } from '../distributed/training-storage.ts';
import { loadPipelineConfig } from '../pipeline/pipeline-config.ts';
import { BAD_ROWS, latentFactorCsv } from '../pipeline/pipeline-test-kit.ts';
import { startAzuriteStorage, type AzuriteStorage } from '../testing/azurite-storage.ts';
import { drainTrainingQueues } from '../testing/queue-drain.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { createPipelines, type Pipelines } from './pipelines.ts';

const KEEP = { keepFailedDays: 7 };
const DAY = 86_400_000;

describe.each(testEngines())('run blob retention on %s', (engine) => {
  let azurite: AzuriteStorage;
  let kit: RecommenderTestKit;
  let pipelines: Pipelines;
  const container = (name: string) =>
    createBlobServiceClient(azurite.connectionString).getContainerClient(name);
  const count = async (name: string, prefix: string) => {
    let n = 0;
    for await (const blob of container(name).listBlobsFlat({ prefix })) if (blob.name) n++;
    return n;
  };
  const stamped = async (table: string, id: string) =>
    (await kit.db.query<{ at: unknown }>(`SELECT blobs_deleted_at AS at FROM ${table} WHERE id = $1`, [id]))
      .rows[0]!.at !== null;

  beforeAll(async () => {
    azurite = await startAzuriteStorage();
    const training = createTrainingStorage({ account: azurite.connectionString, container: 'retention' });
    kit = await createRecommenderTestKit(engine, { trainingStorage: training });
    await seedDemo(kit.recommender);
    pipelines = createPipelines({
      db: kit.db,
      store: () => kit.recommender.models.store(),
      config: loadPipelineConfig({ PIPELINE_CONTAINER: 'retention-pipe', PIPELINE_CHUNK_ROWS: '100' }),
      storage: azurite.connectionString,
      log: () => {},
    });
  }, 240_000);
  afterAll(async () => {
    await kit?.dispose();
    await azurite?.stop();
  });

  it(
    "deletes a finished training run's blobs once, and leaves an active run's untouched",
    { timeout: 240_000 },
    async () => {
      const runs = kit.recommender.trainingRuns;
      const request = {
        mode: 'data',
        workers: 2,
        rounds: 1,
        options: { kind: 'fm', k: 4, epochs: 1 },
      } as const;
      const done = await runs.start(request);
      await drainTrainingQueues(
        azurite.connectionString,
        { task: (m) => runs.handleTask(m), reduce: (m) => runs.handleReduce(m) },
        { until: async () => (await runs.get(done.id)).state !== 'running', timeoutMs: 120_000 },
      );
      expect((await runs.get(done.id)).state).toBe('succeeded');
      // Started after the drain: its task messages wait in the queue, so it stays running.
      const active = await runs.start(request);
      const doneBlobs = await count('retention', `${done.id}/`);
      const activeBlobs = await count('retention', `${active.id}/`);
      expect(doneBlobs).toBeGreaterThan(0);
      expect(activeBlobs).toBeGreaterThan(0);

      const [one, two] = await Promise.all([runs.retainBlobs(KEEP), runs.retainBlobs(KEEP)]);
      expect(one.blobs + two.blobs).toBe(doneBlobs);
      expect(await count('retention', `${done.id}/`)).toBe(0);
      expect(await count('retention', `${active.id}/`)).toBe(activeBlobs);
      expect(await stamped('rec_training_runs', done.id)).toBe(true);
      expect(await stamped('rec_training_runs', active.id)).toBe(false);
      expect(await runs.retainBlobs(KEEP)).toEqual({ runs: 0, blobs: 0 });
    },
  );

  it(
    "keeps a failed pipeline run's blobs for the set days, and deletes a succeeded run's at once",
    { timeout: 240_000 },
    async () => {
      const data = latentFactorCsv({ users: 20, items: 15, perUser: 6, seed: 5 });
      const uploads = container('retention-pipe');
      await uploads.createIfNotExists();
      await uploads.getBlockBlobClient('uploads/good.csv').uploadData(Buffer.from(data.csv));
      const bad = ['user,item,rating,time', ...BAD_ROWS].join('\n') + '\n';
      await uploads.getBlockBlobClient('uploads/bad.csv').uploadData(Buffer.from(bad));
      const runThrough = async (blob: string) => {
        const run = await pipelines.start({ blob, options: { k: 3, storeRatings: false } });
        const m = (chunk: number) => ({ run: run.id, chunk });
        await pipelines.handle('split', m(0), 1);
        for (let c = 0; c < (await pipelines.get(run.id)).chunks!; c++)
          for (const stage of ['clean', 'features', 'train', 'evaluate'] as const)
            await pipelines.handle(stage, m(c), 1);
        await pipelines.handle('publish', m(0), 1);
        return pipelines.get(run.id);
      };
      const good = await runThrough('uploads/good.csv');
      const failed = await runThrough('uploads/bad.csv');
      expect(good.state).toBe('succeeded');
      expect(failed).toMatchObject({ state: 'failed', modelVersion: null });
      expect(failed.error).toMatch(/no rating row passed cleaning/);
      expect(await count('retention-pipe', `runs/${good.id}/`)).toBeGreaterThan(0);
      const failedBlobs = await count('retention-pipe', `runs/${failed.id}/`);
      expect(failedBlobs).toBeGreaterThan(0);

      expect((await pipelines.retainBlobs(KEEP)).runs).toBe(1);
      expect(await count('retention-pipe', `runs/${good.id}/`)).toBe(0);
      expect(await count('retention-pipe', `runs/${failed.id}/`)).toBe(failedBlobs);
      const later = (days: number) => ({ ...KEEP, now: new Date(Date.now() + days * DAY) });
      expect(await pipelines.retainBlobs(later(6))).toEqual({ runs: 0, blobs: 0 });
      expect(await pipelines.retainBlobs(later(8))).toEqual({ runs: 1, blobs: failedBlobs });
      expect(await count('retention-pipe', 'runs/')).toBe(0);
      // The uploaded rating files are the user's, not working data.
      expect(await count('retention-pipe', 'uploads/')).toBe(2);
    },
  );
});
