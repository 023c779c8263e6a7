// POST /api/train with method "mcmc" on real database engines: the sampled model is published, loaded back
// from the store by a fresh instance and served by every read path; options that do not apply are refused.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, waitForJob } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { events } from './events.ts';
import { recommendations } from './recommendations.ts';
import { score } from './score.ts';
import { getJob } from './jobs.ts';
import { train } from './train.ts';

const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };

describe.each(testEngines())('POST /api/train {"method":"mcmc"} on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('trains a Bayesian FM by Gibbs sampling and serves its posterior mean as one published model', async () => {
    const res = await call(train, {
      body: { kind: 'fm', method: 'mcmc', k: 4, epochs: 20, samples: 4, validationFraction: 0.1 },
      headers: ADMIN,
    });
    expect(res.status).toBe(202);
    const job = await waitForJob(getJob, res.body.jobId);
    expect(job.state).toBe('succeeded');
    const report = job.result;
    expect(report.options).toMatchObject({ method: 'mcmc', burnIn: 5, samples: 4 });
    expect(report.validation.rmse).toBeGreaterThan(0);
    expect(report.validation.rmse).toBeLessThan(1.5);
    // The chain's train RMSE per sweep, reported once the chain ends.
    expect(job.history).toHaveLength(20);
    // A fresh instance loads the published artifact (4 samples of k = 4 blended) from the store.
    kit.reinstall();
    const rec = await call(recommendations, { params: { id: '3' }, query: { k: '5' } });
    expect(rec.body).toMatchObject({ source: 'model', modelVersion: report.version });
    expect(rec.body.items).toHaveLength(5);
    const item = String(rec.body.items[0].itemId);
    const before = (await call(score, { params: { id: '3', item } })).body.score as number;
    expect(Number.isFinite(before)).toBe(true);
    // The online fold-in works on the blended model as on any FM.
    const ev = await call(events, {
      headers: { 'x-admin-key': TEST_ADMIN_KEY },
      body: { type: 'rating', userId: 3, itemId: Number(item), rating: 1 },
    });
    expect(ev.body.online.updated).toBe(true);
    expect((await call(score, { params: { id: '3', item } })).body.score).toBeLessThan(before);
  });

  it('refuses, naming them, options that do not apply to the training method', async () => {
    const lr = await call(train, { body: { method: 'mcmc', learningRate: 0.1, shards: 2 }, headers: ADMIN });
    expect(lr.status).toBe(400);
    expect(lr.headers.get('content-type')).toContain('application/problem+json');
    const paths = lr.body.errors.map((e: { path: string }) => e.path).join();
    expect(paths).toContain('learningRate');
    expect(paths).toContain('shards');
    const samples = await call(train, { body: { kind: 'fm', samples: 4 }, headers: ADMIN });
    expect(samples.status).toBe(400);
    expect(JSON.stringify(samples.body.errors)).toContain('samples');
    const burn = await call(train, { body: { method: 'mcmc', epochs: 10, burnIn: 10 }, headers: ADMIN });
    expect(burn.status).toBe(400);
    expect(JSON.stringify(burn.body.errors)).toContain('burnIn');
    const method = await call(train, { body: { method: 'gibbs' }, headers: ADMIN });
    expect(method.status).toBe(400);
    expect(JSON.stringify(method.body.errors)).toContain('method');
  });
});
