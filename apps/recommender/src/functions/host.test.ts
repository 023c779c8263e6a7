// Over real HTTP through the local dev host: import, train, recommend, event, health.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { resetSharedConfig } from '@suite/shared/config';
import { startHost, type RunningHost } from '@suite/host';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecommender, resetRecommender } from '../service/recommender.ts';
import { createDemoCsv } from '../testing/http-test-kit.ts';

let host: RunningHost;
let dir: string;
let db: Awaited<ReturnType<typeof createTestDb>>;
const demo = createDemoCsv({ nUsers: 40, nItems: 30, perUser: 12 });

beforeAll(async () => {
  process.env.ADMIN_KEY = 'host-admin';
  resetSharedConfig();
  dir = await mkdtemp(join(tmpdir(), 'recommender-host-'));
  db = await createTestDb(process.env.DATABASE_URL ? 'pg' : 'pglite');
  resetRecommender(createRecommender({ db, store: createFsModelStore(dir), refreshIntervalMs: 0 }));
  host = await startHost({
    entry: resolve(import.meta.dirname, '../index.ts'),
    port: 0,
    timers: false,
    log: () => {},
  });
});

afterAll(async () => {
  await host?.close();
  resetRecommender();
  await db?.dispose();
  await rm(dir, { recursive: true, force: true });
});

const post = (path: string, body: string, headers: Record<string, string>) =>
  fetch(`${host.url}/api/${path}`, { method: 'POST', headers, body });

describe('recommender over the dev host', () => {
  it('imports, trains, recommends and takes an event over HTTP', { timeout: 120_000 }, async () => {
    const csv = { 'content-type': 'text/csv' };
    expect((await post('ratings/import', demo.ratings, csv)).status).toBe(200);
    expect((await post('items/import', demo.items, csv)).status).toBe(200);
    const trained = await post('train', JSON.stringify({ kind: 'mf', k: 4, epochs: 5 }), {
      'content-type': 'application/json',
      'x-admin-key': 'host-admin',
    });
    expect(trained.status).toBe(201);
    const rec = await fetch(`${host.url}/api/users/2/recommendations?k=3`);
    expect(rec.status).toBe(200);
    const body = (await rec.json()) as { source: string; items: unknown[] };
    expect(body).toMatchObject({ source: 'model' });
    expect(body.items).toHaveLength(3);
    const ev = await post('events', JSON.stringify({ type: 'click', userId: 2, itemId: 3 }), {
      'content-type': 'application/json',
    });
    expect(ev.status).toBe(201);
    const bad = await fetch(`${host.url}/api/users/2/recommendations?k=500`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const health = (await (await fetch(`${host.url}/api/health`)).json()) as { app: string };
    expect(health.app).toBe('recommender');
  });
});
