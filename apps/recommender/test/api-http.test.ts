// The api.http examples (the README points to them) run as written against the real app, with demo data as
// `npm run dev` has it and storage of its own as its storage account (the queue-triggered training and pipeline
// stages run on it), on each database engine: every example answers as it says, and the runs they start finish.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHttpExamples, startConsoleApp, type ConsoleApp } from '@suite/console/testing';
import { createBlobServiceClient } from '@suite/shared/storage';
import { latentFactorCsv } from '../src/pipeline/pipeline-test-kit.ts';
import { startAzuriteStorage, type AzuriteStorage } from '../src/testing/azurite-storage.ts';

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const ADMIN_KEY = 'api-http-test-admin-key';
let app: ConsoleApp;
let azurite: AzuriteStorage;

// Azurite, the host, the demo data and its first training take up to ~5 min on a loaded 2-core machine.
beforeAll(async () => {
  azurite = await startAzuriteStorage();
  // The rating file the pipeline example names, uploaded as the README says to before POST /api/pipelines.
  const container = createBlobServiceClient(azurite.connectionString).getContainerClient('rec-pipelines');
  await container.createIfNotExists();
  const { csv } = latentFactorCsv({ users: 60, items: 40, perUser: 12, seed: 7 });
  await container.getBlockBlobClient('uploads/ratings.csv').uploadData(Buffer.from(csv));
  app = await startConsoleApp({
    appDir: APP_DIR,
    skipBuild: true,
    env: { ADMIN_KEY, SEED_DEMO: '1', AzureWebJobsStorage: azurite.connectionString },
  });
  // Health answers 503 "starting" while the database boots (a connection may also be reset then): wait for 200.
  const healthy = () =>
    fetch(`${app.url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
  for (let i = 0; i < 600 && !(await healthy()); i++) await new Promise((done) => setTimeout(done, 100));
  // Demo data comes with a first training job, as in dev; the examples start one of their own (one job at a time),
  // so they begin once the demo model is served and no job runs.
  const busy = async () => {
    const headers = { 'x-admin-key': ADMIN_KEY };
    const { jobs } = (await (await fetch(`${app.url}/api/jobs?limit=5`, { headers })).json()) as {
      jobs: Array<{ state: string }>;
    };
    const { models } = (await (await fetch(`${app.url}/api/models`, { headers })).json()) as {
      models: Array<{ served: string | null }>;
    };
    return !models[0]?.served || jobs.some((j) => j.state === 'queued' || j.state === 'running');
  };
  for (let i = 0; i < 600 && (await busy()); i++) await new Promise((done) => setTimeout(done, 100));
}, 600_000);
afterAll(async () => {
  await app?.stop();
  await azurite?.stop();
});

/** Polls an admin GET until its `state` leaves `running` (the host's queue triggers do the work). */
async function finalState(path: string): Promise<string> {
  for (;;) {
    const response = await fetch(`${app.url}${path}`, { headers: { 'x-admin-key': ADMIN_KEY } });
    const { state } = (await response.json()) as { state: string };
    if (state !== 'running') return state;
    await new Promise((done) => setTimeout(done, 500));
  }
}

describe(`recommender api.http (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('runs every example as written, each answering as it says', async () => {
    const results = await runHttpExamples(join(APP_DIR, 'api.http'), app.url, { adminKey: ADMIN_KEY });
    const file = readFileSync(join(APP_DIR, 'api.http'), 'utf8');
    expect(results).toHaveLength(file.match(/^###/gm)!.length);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const why = results.find((r) => r.title.startsWith('Why an item'));
    expect(why?.body).toContain('"contributions"');
    // The distributed runs and the pipeline the examples started run to the end on the queues.
    const started = results.filter((r) => r.status === 202 && /training-runs|pipelines/.test(r.url));
    expect(started).toHaveLength(3);
    for (const r of started) {
      const { links, id } = JSON.parse(r.body) as { id: string; links?: { self: string } };
      expect(await finalState(links?.self ?? `/api/pipelines/${id}`), r.title).toBe('succeeded');
    }
  }, 600_000);
});
