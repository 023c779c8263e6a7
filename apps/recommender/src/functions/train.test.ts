// POST /api/train on real database engines: admin key, option bounds and budget, one job at a time, divergence.
import { holdPublishes, testEngines, type HeldPublishes } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, waitForJob } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { recommendations } from './recommendations.ts';
import { cancelJob, getJob, jobEvents } from './jobs.ts';
import { train } from './train.ts';

const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };

describe.each(testEngines())('POST /api/train on %s', (engine) => {
  let kit: RecommenderTestKit;
  let held: HeldPublishes | undefined;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine, {
      wrapStore: (store) => (held = holdPublishes(store)).store,
    });
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('guards training with the admin key and validates options', async () => {
    expect((await call(train, { body: {} })).status).toBe(401);
    const bad = await call(train, { body: { optimizer: 'adam' }, headers: ADMIN });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('optimizer');
    const absurd = await call(train, {
      body: { epochs: 1e9, k: 10000, learningRate: -1, shards: 64 },
      headers: ADMIN,
    });
    expect(absurd.status).toBe(400);
    const paths = absurd.body.errors.map((e: { path: string }) => e.path).join();
    for (const field of ['epochs', 'k', 'learningRate', 'shards']) expect(paths).toContain(field);
    // Each within its own bound, together a job of hours that would hold the instance.
    const hog = await call(train, { body: { k: 256, epochs: 500, blend: 8 }, headers: ADMIN });
    expect(hog.status).toBe(400);
    expect(hog.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(hog.body.errors)).toMatch(/epochs.*k.*blend/);
    // Named as every body field is: its path in the body, without a `body.` prefix.
    expect(hog.body.errors.map((e: { path: string }) => e.path)).toEqual(['epochs']);
    // Up to maxChunks implicit-factor steps per user and epoch: chunk 1 with no cap is ~7x an FM epoch on u1.base.
    const chunky = await call(train, {
      body: { kind: 'fm', k: 8, epochs: 400, chunk: 1, maxChunks: 100000 },
      headers: ADMIN,
    });
    expect(chunky.status).toBe(400);
    expect(JSON.stringify(chunky.body.errors)).toContain('maxChunks');
  });

  it('trains, publishes and reports held-out metrics', async () => {
    const res = await call(train, {
      body: { kind: 'fm', k: 4, epochs: 10, optimizer: 'momentum', validationFraction: 0.1 },
      headers: ADMIN,
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/jobs/${res.body.jobId}`);
    expect(res.body).toMatchObject({
      state: 'queued',
      progress: 0,
      params: { optimizer: 'momentum', epochs: 10 },
    });
    const job = await waitForJob(getJob, res.body.jobId);
    expect(job.state).toBe('succeeded');
    expect(job.result.validation.rmse).toBeGreaterThan(0);
    expect(job.result.validation.rmse).toBeLessThan(2);
    expect(job.result.options.optimizer).toBe('momentum');
    // Every epoch's train and validation RMSE, as the console draws them.
    expect(job.history).toHaveLength(job.result.epochs);
    for (const [i, e] of job.history.entries()) {
      expect(e.epoch).toBe(i + 1);
      expect(e.trainRmse).toBeGreaterThan(0);
      expect(e.validationRmse).toBeGreaterThan(0);
    }
    const served = await call(recommendations, { params: { id: '3' }, query: { k: '3' } });
    expect(served.body.modelVersion).toBe(job.result.version);
  });

  it('streams the job as server-sent events until it ends, and cancels a job between epochs', async () => {
    const started = await call(train, { body: { kind: 'mf', k: 2, epochs: 3 }, headers: ADMIN });
    const stream = await call(jobEvents, { params: { id: started.body.jobId }, headers: ADMIN });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const frames = stream.body.split('\n\n').filter(Boolean);
    const last = JSON.parse(frames.at(-1).split('data: ')[1]);
    expect(last).toMatchObject({ state: 'succeeded', progress: 1 });
    expect(last.history).toHaveLength(3);

    const long = await call(train, {
      body: { kind: 'mf', k: 2, epochs: 500, validationFraction: 0 },
      headers: ADMIN,
    });
    expect((await call(cancelJob, { params: { id: long.body.jobId } })).status).toBe(401);
    const cancelling = await call(cancelJob, { params: { id: long.body.jobId }, headers: ADMIN });
    expect(cancelling.status).toBe(202);
    expect(cancelling.body.cancelRequested).toBe(true);
    const job = await waitForJob(getJob, long.body.jobId);
    expect(job.state).toBe('cancelled');
    expect(job.history.length).toBeLessThan(500);
    expect(job.error).toMatchObject({ code: 'cancelled' });
    expect((await call(cancelJob, { params: { id: long.body.jobId }, headers: ADMIN })).status).toBe(409);
    expect((await call(getJob, { params: { id: 'nope' }, headers: ADMIN })).status).toBe(400);
    expect(
      (await call(getJob, { params: { id: '00000000-0000-4000-8000-000000000000' }, headers: ADMIN })).status,
    ).toBe(404);
    expect((await call(getJob, { params: { id: '00000000-0000-4000-8000-000000000000' } })).status).toBe(401);
  });

  it('runs one training job at a time, refusing a second one with 409 before it spends any CPU', async () => {
    const job = { body: { kind: 'mf', k: 2, epochs: 2 }, headers: ADMIN };
    // The accepted job waits at its publish until both answers are in: a tiny real job can otherwise end before
    // the other request reaches the one-job rule, and then both are accepted.
    held!.hold();
    let both: Awaited<ReturnType<typeof call>>[];
    try {
      both = await Promise.all([call(train, job), call(train, job)]);
    } finally {
      held!.release();
    }
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    const busy = both.find((r) => r.status === 409)!;
    const accepted = both.find((r) => r.status === 202)!;
    expect(busy.headers.get('content-type')).toContain('application/problem+json');
    // Refused up front, not after training a model whose publish then loses the race.
    expect(busy.body.detail).toMatch(/already running/);
    expect(busy.body.activeJob).toBe(accepted.body.jobId);
    expect((await waitForJob(getJob, accepted.body.jobId)).state).toBe('succeeded');
    const again = await call(train, job);
    expect(again.status).toBe(202);
    expect((await waitForJob(getJob, again.body.jobId)).state).toBe('succeeded');
  });

  it('refuses to publish a diverged model, naming learningRate, and keeps serving the previous one', async () => {
    const before = (await call(recommendations, { params: { id: '3' }, query: { k: '3' } })).body;
    const res = await call(train, {
      body: { kind: 'mf', optimizer: 'sgd', learningRate: 10, epochs: 5 },
      headers: ADMIN,
    });
    expect(res.status).toBe(202);
    const job = await waitForJob(getJob, res.body.jobId);
    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({ status: 400, code: 'invalid_request' });
    expect(JSON.stringify(job.error.errors)).toContain('learningRate');
    const after = (await call(recommendations, { params: { id: '3' }, query: { k: '3' } })).body;
    expect(after.modelVersion).toBe(before.modelVersion);
    for (const item of after.items) expect(Number.isFinite(item.score)).toBe(true);
  });
});
