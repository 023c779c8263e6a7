// The pipeline over the real dev host: queue triggers polling Azurite, on each database engine.
import { resolve } from 'node:path';
import { getDb, resetDb } from '@suite/shared/db';
import { useTestHost } from '@suite/host/testing';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipelines, resetPipelines, type PipelineView } from '../service/pipelines.ts';
import {
  BAD_ROWS,
  gzip,
  latentFactorCsv,
  startPipelineStorage,
  type PipelineTestStorage,
} from '../pipeline/pipeline-test-kit.ts';
import { createPipelineStorage } from '../pipeline/pipeline-storage.ts';
import { insertRun } from '../store/pipeline-repository.ts';
import {
  createRecommenderTestKit,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';

let storage: PipelineTestStorage;
const data = latentFactorCsv({ users: 60, items: 40, perUser: 10 });
const file = data.csv + BAD_ROWS.join('\n') + '\n';

// A failed message comes back after 1 s instead of host.json's 10 s (an app setting overriding host.json, as on
// Azure): the poison test below waits out four of them, and nothing here depends on the length of the wait.
const RETRY_AFTER = 'AzureFunctionsJobHost__extensions__queues__visibilityTimeout';

beforeAll(async () => {
  storage = await startPipelineStorage(100);
  process.env.AzureWebJobsStorage = storage.azurite.connectionString;
  process.env[RETRY_AFTER] = '00:00:01';
  await getDb().query('SELECT 1');
});

afterAll(async () => {
  delete process.env[RETRY_AFTER];
  await resetDb();
  await storage?.azurite.stop();
});

// After the hooks above: the host starts on the database and storage they set up, and closes before them.
const host = useTestHost(resolve(import.meta.dirname, '../index.ts'));

const admin = { 'content-type': 'application/json', 'x-admin-key': TEST_ADMIN_KEY };

async function waitForEnd(id: string): Promise<PipelineView> {
  let run: PipelineView | undefined;
  for (let i = 0; i < 2400; i++) {
    run = (await (await fetch(`${host.url}/api/pipelines/${id}`, { headers: admin })).json()) as PipelineView;
    if (run.state !== 'running') return run;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${id} still running: ${JSON.stringify(run)}`);
}

describe.each(testEngines())('pipeline over the dev host and Azurite on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    resetPipelines(
      createPipelines({
        db: kit.db,
        store: () => kit.recommender.models.store(),
        config: storage.config,
        storage: storage.azurite.connectionString,
        log: () => {},
      }),
    );
  });
  afterAll(async () => {
    resetPipelines();
    await kit?.dispose();
  });

  it(
    'runs a gzip CSV through every stage chunk by chunk and reports counts, rejects and the held-out RMSE',
    { timeout: 300_000 },
    async () => {
      await storage.upload(`uploads/${engine}.csv.gz`, gzip(file));
      const started = await fetch(`${host.url}/api/pipelines`, {
        method: 'POST',
        headers: admin,
        body: JSON.stringify({ blob: `uploads/${engine}.csv.gz`, options: { k: 4, epochsPerChunk: 3 } }),
      });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as PipelineView;
      const run = await waitForEnd(id);
      expect(run.state).toBe('succeeded');
      const total = data.rows + BAD_ROWS.length;
      expect(run.chunks).toBe(Math.ceil(total / 100));
      const stage = Object.fromEntries(run.stages.map((s) => [s.stage, s]));
      expect(stage.split).toMatchObject({ rowsIn: total, written: total, rejected: 0 });
      expect(stage.clean).toMatchObject({
        rowsIn: total,
        rejected: BAD_ROWS.length,
        written: data.rows,
        chunksDone: run.chunks,
      });
      expect(Object.keys(stage.clean!.rejectedReasons).join(' ')).toMatch(/rating/);
      expect(stage.clean!.rejectedExamples.map((e) => e.line)).toContain(data.rows + 2);
      expect(stage.features).toMatchObject({ rowsIn: data.rows, written: data.rows });
      const heldOut = stage.features!.totals.heldOut!;
      expect(stage.train).toMatchObject({
        rowsIn: data.rows,
        written: data.rows - heldOut,
        chunksDone: run.chunks,
      });
      expect(stage.evaluate!.totals.n! + stage.evaluate!.totals.unknown!).toBe(heldOut);
      expect(run.heldOutRmse).toBeGreaterThan(0);
      expect(run.heldOutRmse).toBeLessThan(1.5);
      // Published and served: the recommender answers from the pipeline's model.
      expect(run.modelVersion).toBeTruthy();
      // Labelled with the optimiser of its train stage (AdaGrad by default), and as a pipeline run.
      const manifest = (await kit.recommender.models.store().versions(kit.recommender.models.names()[0]!)).at(
        -1,
      );
      expect(manifest).toMatchObject({
        version: run.modelVersion,
        metadata: { kind: 'mf', method: 'adagrad', pipelineRun: id },
      });
      const rec = (await (await fetch(`${host.url}/api/users/1/recommendations?k=3`)).json()) as {
        items: unknown[];
      };
      expect(rec.items).toHaveLength(3);
      const stored = await kit.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM rec_ratings WHERE source = 'pipeline'`,
      );
      expect(stored.rows[0]!.n).toBe(data.rows);
    },
  );

  it(
    'starts a run from an Event Grid BlobCreated event on the uploads queue, once per event',
    { timeout: 300_000 },
    async () => {
      await storage.upload(
        `uploads/event-${engine}.tsv`,
        data.csv.split('\n').slice(1).join('\n').replaceAll(',', '\t'),
      );
      const event = {
        id: crypto.randomUUID(),
        eventType: 'Microsoft.Storage.BlobCreated',
        subject: `/blobServices/default/containers/${storage.config.PIPELINE_CONTAINER}/blobs/uploads/event-${engine}.tsv`,
        data: { api: 'PutBlob' },
      };
      const queue = (await import('@azure/storage-queue')).QueueServiceClient.fromConnectionString(
        storage.azurite.connectionString,
      ).getQueueClient('rec-pipeline-uploads');
      await queue.createIfNotExists();
      const body = Buffer.from(JSON.stringify(event)).toString('base64');
      await queue.sendMessage(body);
      await queue.sendMessage(body);
      let run: PipelineView | undefined;
      for (let i = 0; i < 600 && run?.state !== 'succeeded'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const res = await fetch(`${host.url}/api/pipelines/${event.id}`, { headers: admin });
        if (res.status === 200) run = (await res.json()) as PipelineView;
      }
      expect(run).toMatchObject({ state: 'succeeded', format: 'tsv', blob: `uploads/event-${engine}.tsv` });
      expect(run!.stages.find((s) => s.stage === 'clean')).toMatchObject({ written: data.rows, rejected: 0 });
      const runs = await kit.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM rec_pipeline_runs WHERE blob = $1`,
        [`uploads/event-${engine}.tsv`],
      );
      expect(runs.rows[0]!.n).toBe(1);
    },
  );

  it('answers 400 naming a missing column or blob, and 401 without the admin key', async () => {
    await storage.upload('uploads/no-rating.csv', 'user,item\n1,2\n');
    const bad = await fetch(`${host.url}/api/pipelines`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ blob: 'uploads/no-rating.csv' }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('rating');
    const missing = await fetch(`${host.url}/api/pipelines`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify({ blob: 'nope.csv' }),
    });
    expect(missing.status).toBe(400);
    const open = await fetch(`${host.url}/api/pipelines`, {
      method: 'POST',
      body: JSON.stringify({ blob: 'x.csv' }),
    });
    expect(open.status).toBe(401);
    expect((await fetch(`${host.url}/api/pipelines/not-a-uuid`, { headers: admin })).status).toBe(400);
    // Reading a run is admin too.
    expect((await fetch(`${host.url}/api/pipelines/${crypto.randomUUID()}`)).status).toBe(401);
  });

  // Through the host on one engine (five tries 1 s apart here, 10 s with host.json's own setting);
  // pipeline-idempotence.test.ts checks the same bookkeeping on both engines without the waits.
  it.runIf(engine === testEngines()[0])(
    'retries a failing chunk, then the poison queue takes it and the run says so',
    { timeout: 300_000 },
    async () => {
      const id = crypto.randomUUID();
      await insertRun(kit.db, {
        id,
        blob: 'uploads/gone.csv',
        format: 'csv',
        options: { chunkRows: 100, k: 4 },
      });
      // A clean message whose raw chunk was never written fails on every delivery (host.json: maxDequeueCount 5;
      // visibilityTimeout between tries, 1 s in this file).
      await createPipelineStorage(storage.azurite.connectionString, storage.config.PIPELINE_CONTAINER).send(
        'clean',
        {
          run: id,
          chunk: 5,
        },
      );
      const run = await waitForEnd(id);
      expect(run.state).toBe('failed');
      expect(run.error).toContain('chunk 5 of stage clean failed every attempt');
      expect(run.error).toContain('rec-pipeline-clean-poison');
      expect(run.failures).toEqual([
        expect.objectContaining({ stage: 'clean', chunk: 5, attempts: 5, poisoned: true }),
      ]);
    },
  );
});
