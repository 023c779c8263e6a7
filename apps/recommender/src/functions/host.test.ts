// Over real HTTP through the local dev host: import, train, recommend, event, health; on each database engine.
import { resolve } from 'node:path';
import { getDb, resetDb } from '@suite/shared/db';
import { useTestHost } from '@suite/host/testing';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoCsv } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';

const demo = createDemoCsv({ nUsers: 40, nItems: 30, perUser: 12 });

beforeAll(async () => {
  // /api/health checks the app's default database; start it here rather than inside the test's timeout.
  await getDb().query('SELECT 1');
});

afterAll(async () => {
  await resetDb();
});

// After the hooks above: the host starts on the database they set up, and closes before it is reset.
const host = useTestHost(resolve(import.meta.dirname, '../index.ts'));

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${host.url}/api/${path}`, { method: 'POST', headers, body });

describe.each(testEngines())('recommender over the dev host on %s', (engine) => {
  let kit: RecommenderTestKit;
  // The host's handlers call the app's singleton, which the kit replaces with one on this engine.
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
  });
  afterAll(async () => {
    await kit?.dispose();
  });

  it('imports, trains, recommends and takes an event over HTTP', { timeout: 120_000 }, async () => {
    expect((await post('ratings/import', demo.ratings, { 'content-type': 'text/csv' })).status).toBe(401);
    const csv = { 'content-type': 'text/csv', 'x-admin-key': TEST_ADMIN_KEY };
    expect((await post('ratings/import', demo.ratings, csv)).status).toBe(200);
    expect((await post('items/import', demo.items, csv)).status).toBe(200);
    const trained = await post('train', JSON.stringify({ kind: 'mf', k: 4, epochs: 5 }), {
      'content-type': 'application/json',
      'x-admin-key': TEST_ADMIN_KEY,
    });
    expect(trained.status).toBe(202);
    const location = trained.headers.get('location');
    let state = 'queued';
    // Bounded polling through the host, as a client would.
    for (let i = 0; i < 3000 && (state === 'queued' || state === 'running'); i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 10));
      const job = await fetch(`${host.url}${location}`, { headers: { 'x-admin-key': TEST_ADMIN_KEY } });
      state = ((await job.json()) as { state: string }).state;
    }
    expect(state).toBe('succeeded');
    const rec = await fetch(`${host.url}/api/users/2/recommendations?k=3`);
    expect(rec.status).toBe(200);
    const body = (await rec.json()) as { source: string; items: unknown[] };
    expect(body).toMatchObject({ source: 'model' });
    expect(body.items).toHaveLength(3);
    const ev = await post('events', JSON.stringify({ type: 'click', userId: 2, itemId: 3 }), {
      'content-type': 'application/json',
      'x-admin-key': TEST_ADMIN_KEY,
    });
    expect(ev.status).toBe(201);
    const bad = await fetch(`${host.url}/api/users/2/recommendations?k=500`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const health = (await (await fetch(`${host.url}/api/health`)).json()) as { app: string };
    expect(health.app).toBe('recommender');
  });
});
