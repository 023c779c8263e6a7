// Distributed training end to end on real Azurite queues and blobs and a real database engine: POST a run,
// deliver its queue messages as the Functions host does, and follow it to a published model.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainingStorage } from '../distributed/training-storage.ts';
import { startAzuriteStorage, type AzuriteStorage } from '../testing/azurite-storage.ts';
import { call } from '../testing/http-test-kit.ts';
import { drainTrainingQueues } from '../testing/queue-drain.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { getTrainingRun, listTrainingRuns, startTrainingRun } from './training-runs.ts';
import { trainingReduce, trainingTask } from './training-queues.ts';
import { InvocationContext } from '@azure/functions';

const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };

describe.each(testEngines())('training runs on %s', (engine) => {
  let azurite: AzuriteStorage;
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    azurite = await startAzuriteStorage();
    const storage = createTrainingStorage({ account: azurite.connectionString, container: 'runs' });
    kit = await createRecommenderTestKit(engine, { trainingStorage: storage });
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit?.dispose();
    await azurite?.stop();
  });

  const ctx = () => new InvocationContext({ invocationId: 'test' });
  const finished = async (id: string) => (await kit.recommender.trainingRuns.get(id)).state !== 'running';
  const drain = (id: string) =>
    drainTrainingQueues(
      azurite.connectionString,
      { task: (m) => trainingTask(m, ctx()), reduce: (m) => trainingReduce(m, ctx()) },
      { until: () => finished(id), timeoutMs: 60_000 },
    );

  it('validates the request and guards it with the admin key', async () => {
    expect((await call(startTrainingRun, { body: { mode: 'data', workers: 2 } })).status).toBe(401);
    const bad = await call(startTrainingRun, {
      body: { mode: 'both', workers: 0, extra: 1 },
      headers: ADMIN,
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.errors.map((e: { path: string }) => e.path).join();
    for (const p of ['mode', 'workers']) expect(paths).toContain(p);
    const fm = await call(startTrainingRun, {
      body: { mode: 'model', workers: 2, options: { kind: 'fm', shards: 2 } },
      headers: ADMIN,
    });
    expect(fm.status).toBe(400);
    expect(fm.body.errors.map((e: { path: string }) => e.path)).toEqual(['options.shards', 'options.kind']);
    const nullOptions = await call(startTrainingRun, {
      body: { mode: 'model', workers: 2, options: null },
      headers: ADMIN,
    });
    expect([nullOptions.status, nullOptions.body.errors[0]?.path]).toEqual([400, 'options']);
    expect((await call(getTrainingRun, { params: { id: crypto.randomUUID() } })).status).toBe(401);
    expect((await call(getTrainingRun, { params: { id: 'nope' }, headers: ADMIN })).status).toBe(400);
    expect((await call(getTrainingRun, { params: { id: crypto.randomUUID() }, headers: ADMIN })).status).toBe(
      404,
    );
  });

  it('trains data-parallel shards over queue messages, epoch by epoch, and publishes the model', async () => {
    const res = await call(startTrainingRun, {
      body: { mode: 'data', workers: 3, rounds: 2, options: { k: 4, epochs: 3, averageFrom: 0 } },
      headers: ADMIN,
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/training-runs/${res.body.id}`);
    expect(res.body).toMatchObject({
      mode: 'data',
      workers: 3,
      stepsPerEpoch: 2,
      state: 'running',
      epoch: 1,
    });
    const report = await drain(res.body.id);
    expect(report.failures).toBe(0);
    expect(report.tasks).toBe(3 * 2 * 3);
    const run = (await call(getTrainingRun, { params: { id: res.body.id }, headers: ADMIN })).body;
    expect(run.state).toBe('succeeded');
    expect(run.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([1, 2, 3]);
    for (const e of run.epochs) expect(e.validationRmse).toBeGreaterThan(0);
    expect(run.result.version).toBeTruthy();
    expect((await kit.recommender.tryModel())?.version).toBe(run.result.version);
    // Labelled with the optimiser it used (the FM's default, AdaGrad), not "sgd" whatever it was.
    const manifest = (await kit.recommender.models.store().versions(kit.recommender.models.names()[0]!)).at(
      -1,
    );
    expect(manifest?.metadata).toMatchObject({
      kind: 'fm',
      method: 'adagrad',
      distributed: { mode: 'data' },
    });
    const list = await call(listTrainingRuns, { headers: ADMIN });
    expect(list.body.runs.map((r: { id: string }) => r.id)).toContain(res.body.id);
  });

  it('trains model-parallel blocks on the DSGD schedule, each worker holding only its blocks', async () => {
    const res = await call(startTrainingRun, {
      body: { mode: 'model', workers: 3, options: { k: 8, epochs: 2, optimizer: 'momentum' } },
      headers: ADMIN,
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ mode: 'model', stepsPerEpoch: 3, options: { kind: 'mf' } });
    const report = await drain(res.body.id);
    expect(report.failures).toBe(0);
    expect(report.tasks).toBe(3 * 3 * 2);
    const run = await kit.recommender.trainingRuns.get(res.body.id);
    expect(run.state).toBe('succeeded');
    expect(run.epochs).toHaveLength(2);
    const manifest = (await kit.recommender.models.store().versions(kit.recommender.models.names()[0]!)).at(
      -1,
    );
    expect(manifest?.metadata).toMatchObject({
      kind: 'mf',
      method: 'momentum',
      distributed: { mode: 'model' },
    });
    const full = Number(run.result?.fullModelBytes);
    for (const e of run.epochs) {
      expect(Number(e.workerParamBytes)).toBeGreaterThan(0);
      // Two blocks of three per side: at most about 2/3 of the user and item rows, never the whole model.
      expect(Number(e.workerParamBytes)).toBeLessThan(full * 0.8);
    }
  });

  it('drops a duplicated or stale message without counting it twice', async () => {
    const res = await call(startTrainingRun, {
      body: { mode: 'data', workers: 2, rounds: 1, options: { k: 4, epochs: 1 } },
      headers: ADMIN,
    });
    const id = res.body.id as string;
    const runs = kit.recommender.trainingRuns;
    expect(await runs.handleTask({ runId: id, epoch: 1, step: 0, part: 0 })).toBe('done');
    expect(await runs.handleTask({ runId: id, epoch: 1, step: 0, part: 0 })).toBe('duplicate');
    expect(await runs.handleTask({ runId: id, epoch: 2, step: 0, part: 0 })).toBe('stale');
    expect((await runs.get(id)).current).toMatchObject({ done: 1, queued: 1 });
    await expect(runs.handleTask({ runId: id, epoch: 1, step: 0 })).rejects.toThrow(/part/);
    await drain(id);
    expect((await runs.get(id)).state).toBe('succeeded');
  });
});
