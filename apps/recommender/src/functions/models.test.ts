// Model versions over HTTP on real database engines: list with metrics, pin an older version (a rollback) and
// see it served at once, unpin; admin-only writes and validated ids.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, waitForJob } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { getJob } from './jobs.ts';
import { listModels, pinModel, unpinModel } from './models.ts';
import { recommendations } from './recommendations.ts';
import { train } from './train.ts';

const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };

describe.each(testEngines())('model versions on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  const trainJob = async (body: object) => {
    const res = await call(train, { body, headers: ADMIN });
    return (await waitForJob(getJob, res.body.jobId)).result.version as string;
  };
  const served = async () =>
    (await call(recommendations, { params: { id: '3' }, query: { k: '1' } })).body.modelVersion;

  it('lists versions newest first with their metrics, and pins an older one to serve it (a rollback)', async () => {
    const first = await trainJob({ kind: 'mf', k: 2, epochs: 2, optimizer: 'momentum' });
    const second = await trainJob({ kind: 'mf', k: 3, epochs: 2, seed: 2 });
    const list = await call(listModels);
    expect(list.status).toBe(200);
    expect(list.body.keepVersions).toBeGreaterThan(0);
    const [model] = list.body.models;
    expect(model.served).toBe(second);
    expect(model.versions.map((v: { version: string }) => v.version)).toEqual([second, first]);
    // metadata.method names what fitted the parameters (the console shows it): here the optimiser.
    expect(model.versions[0]).toMatchObject({
      served: true,
      pinned: false,
      metadata: { k: 3, kind: 'mf', method: 'adagrad' },
    });
    expect(model.versions[1].metadata.method).toBe('momentum');
    expect(model.versions[1].metadata.validation.rmse).toBeGreaterThan(0);

    expect((await call(pinModel, { method: 'POST', params: { version: first } })).status).toBe(401);
    const pinned = await call(pinModel, { method: 'POST', params: { version: first }, headers: ADMIN });
    expect(pinned.status).toBe(200);
    expect(pinned.body).toMatchObject({ served: first, pinned: true });
    expect(await served()).toBe(first);
    const after = (await call(listModels)).body.models[0];
    expect(after.served).toBe(first);
    expect(after.versions.find((v: { version: string }) => v.version === first).pinned).toBe(true);

    const unpinned = await call(unpinModel, { method: 'DELETE', params: { version: first }, headers: ADMIN });
    expect(unpinned.body).toMatchObject({ version: first, pinned: false });
    expect(
      (await call(pinModel, { method: 'POST', params: { version: second }, headers: ADMIN })).status,
    ).toBe(200);
    expect(await served()).toBe(second);
  });

  it('answers 400 for a malformed version or a foreign model name, 404 for an unknown version', async () => {
    const bad = await call(pinModel, { method: 'POST', params: { version: '../x' }, headers: ADMIN });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const foreign = await call(listModels, { query: { name: 'chatbot-intents' } });
    expect(foreign.status).toBe(400);
    const unknown = await call(pinModel, {
      method: 'POST',
      params: { version: '20990101T000000000Z-abcdef' },
      headers: ADMIN,
    });
    expect(unknown.status).toBe(404);
  });
});
