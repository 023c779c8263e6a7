// Handlers end to end on real database engines (PGlite, and Postgres when DATABASE_URL is set).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetSharedConfig } from '@suite/shared/config';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecommender, resetRecommender } from '../service/recommender.ts';
import { call, createDemoCsv } from '../testing/http-test-kit.ts';
import { events } from './events.ts';
import { features } from './features.ts';
import { importData } from './import-data.ts';
import { recommendations } from './recommendations.ts';
import { score } from './score.ts';
import { train } from './train.ts';
import { getRecommender } from '../service/recommender.ts';

const ADMIN = { 'x-admin-key': 'test-admin' };
const demo = createDemoCsv({ nUsers: 60, nItems: 40, perUser: 15 });
let dir: string;

beforeAll(async () => {
  process.env.ADMIN_KEY = 'test-admin';
  resetSharedConfig();
  dir = await mkdtemp(join(tmpdir(), 'recommender-fn-'));
});
afterAll(async () => {
  resetRecommender();
  await rm(dir, { recursive: true, force: true });
});

describe.each(testEngines())('recommender functions on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  const csv = { 'content-type': 'text/csv' };

  beforeAll(async () => {
    db = await createTestDb(engine);
    resetRecommender(
      createRecommender({ db, store: createFsModelStore(join(dir, engine)), refreshIntervalMs: 0 }),
    );
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('imports ratings with per-row rejects, collapses duplicates, and is idempotent', async () => {
    const body = `${demo.ratings}\n1,1,9,5\nfoo,2,3,1\n`;
    const first = await call(importData, { params: { kind: 'ratings' }, body, headers: csv });
    expect(first.status).toBe(200);
    expect(first.body.rejected.map((r: { reason: string }) => r.reason).join()).toMatch(
      /rating.*user|user.*rating/s,
    );
    expect(first.body.inserted).toBeGreaterThan(800);
    const again = await call(importData, { params: { kind: 'ratings' }, body, headers: csv });
    expect(again.body).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: first.body.inserted + first.body.updated,
    });
    const dup = await call(importData, {
      params: { kind: 'ratings' },
      body: [
        { user: 500, item: 1, rating: 2, time: 10 },
        { user: 500, item: 1, rating: 4, time: 20 },
      ],
    });
    expect(dup.body).toMatchObject({ duplicatesCollapsed: 1, inserted: 1 });
  });

  it('answers 400 naming the column when a CSV header lacks a required one, instead of rejecting every row', async () => {
    const res = await call(importData, {
      params: { kind: 'ratings' },
      body: 'user_id,rating,timestamp\n1,3,5\n',
      headers: csv,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(res.body.errors)).toContain('item');
    expect(
      (await call(importData, { params: { kind: 'users' }, body: 'age,gender\n30,F\n', headers: csv }))
        .status,
    ).toBe(400);
    const bomCrlf = await call(importData, {
      params: { kind: 'ratings' },
      body: '\uFEFFuser,item,rating\r\n1,2,3\r\n',
      headers: csv,
    });
    expect(bomCrlf.body).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('imports items and users with their side features', async () => {
    expect(
      (await call(importData, { params: { kind: 'items' }, body: demo.items, headers: csv })).body.inserted,
    ).toBe(40);
    expect(
      (await call(importData, { params: { kind: 'users' }, body: demo.users, headers: csv })).body.inserted,
    ).toBe(60);
    expect((await call(importData, { params: { kind: 'movies' }, body: 'x' })).status).toBe(400);
  });

  it('recommends by popularity before any model exists', async () => {
    const res = await call(recommendations, { params: { id: '3' }, query: { k: '5' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'popularity', modelVersion: null });
    expect(res.body.items).toHaveLength(5);
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
    expect(res.status).toBe(201);
    expect(res.body.validation.rmse).toBeGreaterThan(0);
    expect(res.body.validation.rmse).toBeLessThan(2);
    expect(res.body.options.optimizer).toBe('momentum');
  });

  it('runs one training job at a time per instance, refusing a second one with 409 before it spends any CPU', async () => {
    const job = { body: { kind: 'mf', k: 2, epochs: 2 }, headers: ADMIN };
    const both = await Promise.all([call(train, job), call(train, job)]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const busy = both.find((r) => r.status === 409)!;
    expect(busy.headers.get('content-type')).toContain('application/problem+json');
    // Refused up front, not after training a model whose publish then loses the race.
    expect(busy.body.detail).toMatch(/already running/);
    expect((await call(train, job)).status).toBe(201);
  });

  it('refuses to publish a diverged model, naming learningRate, and keeps serving the previous one', async () => {
    const before = (await call(recommendations, { params: { id: '3' }, query: { k: '3' } })).body;
    const res = await call(train, {
      body: { kind: 'mf', optimizer: 'sgd', learningRate: 10, epochs: 5 },
      headers: ADMIN,
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(res.body.errors)).toContain('learningRate');
    const after = (await call(recommendations, { params: { id: '3' }, query: { k: '3' } })).body;
    expect(after.modelVersion).toBe(before.modelVersion);
    for (const item of after.items) expect(Number.isFinite(item.score)).toBe(true);
  });

  it('serves top-K from the model, excluding seen items, with a cold start for new users', async () => {
    const res = await call(recommendations, { params: { id: '3' }, query: { k: '10' } });
    expect(res.body.source).toBe('model');
    expect(res.body.items).toHaveLength(10);
    expect(res.body.items[0].title).toMatch(/^Item /);
    const seen = (
      await db.query<{ item_id: number }>('SELECT item_id FROM rec_ratings WHERE user_id = 3')
    ).rows.map((r) => r.item_id);
    for (const it of res.body.items) expect(seen).not.toContain(it.itemId);
    expect((await call(recommendations, { params: { id: '99999' } })).body.source).toBe('popularity');
    await call(importData, {
      params: { kind: 'users' },
      body: [{ id: 7777, age: 30, gender: 'F', occupation: 'writer' }],
    });
    expect((await call(recommendations, { params: { id: '7777' } })).body.source).toBe('cold-start');
    expect((await call(recommendations, { params: { id: 'abc' }, query: { k: '0' } })).status).toBe(400);
  });

  it('reads path ids as plain decimal integers only', async () => {
    for (const id of ['0x10', '1e3', ' 7', '+3', '3.0', '0b11']) {
      const res = await call(recommendations, { params: { id } });
      expect(res.status, id).toBe(400);
      expect(JSON.stringify(res.body.errors), id).toContain('id');
    }
    expect((await call(score, { params: { id: '3', item: '0x5' } })).status).toBe(400);
  });

  it('scores one pair and answers 404 for an unknown item', async () => {
    const ok = await call(score, { params: { id: '3', item: '5' } });
    expect(ok.status).toBe(200);
    expect(ok.body.score).toBeGreaterThanOrEqual(1);
    expect((await call(score, { params: { id: '3', item: '4040' } })).status).toBe(404);
  });

  it('folds a rating event into the user online, and ignores a redelivered event', async () => {
    const target = (await call(recommendations, { params: { id: '8' }, query: { k: '1' } })).body.items[0]
      .itemId as number;
    const before = (await call(score, { params: { id: '8', item: String(target) } })).body.score as number;
    const ev = { type: 'rating', userId: 8, itemId: target, rating: 1, eventId: `e-${engine}` };
    const res = await call(events, { body: ev });
    expect(res.status).toBe(201);
    expect(res.body.online.updated).toBe(true);
    const after = (await call(score, { params: { id: '8', item: String(target) } })).body.score as number;
    expect(after).toBeLessThan(before);
    const top = (await call(recommendations, { params: { id: '8' }, query: { k: '5' } })).body.items.map(
      (i: { itemId: number }) => i.itemId,
    );
    expect(top).not.toContain(target);
    expect((await call(events, { body: ev })).body.duplicate).toBe(true);
    expect((await call(events, { body: { type: 'rating', userId: 8, itemId: 1 } })).status).toBe(400);
  });

  it('answers 409 naming eventId when an event id comes back with a different payload', async () => {
    const ev = { type: 'rating', userId: 9, itemId: 2, rating: 4.1, eventId: `conflict-${engine}` };
    expect((await call(events, { body: ev })).status).toBe(201);
    expect((await call(events, { body: ev })).body.duplicate).toBe(true);
    const clash = await call(events, { body: { ...ev, rating: 1 } });
    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toContain('application/problem+json');
    expect(clash.body.field).toBe('eventId');
    const stored = await db.query<{ rating: number }>(
      'SELECT rating FROM rec_ratings WHERE user_id = 9 AND item_id = 2',
    );
    expect(Number(stored.rows[0]?.rating)).toBeCloseTo(4.1, 5);
  });

  it('refuses an event time in the future, which would pin the rating against every later one', async () => {
    const future = new Date(Date.now() + 7 * 86400_000).toISOString();
    const res = await call(events, {
      body: { type: 'rating', userId: 9, itemId: 3, rating: 5, occurredAt: future },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('occurredAt');
    expect((await call(events, { body: { type: 'rating', userId: 9, itemId: 3, rating: 2 } })).status).toBe(
      201,
    );
    const stored = await db.query<{ rating: number }>(
      'SELECT rating FROM rec_ratings WHERE user_id = 9 AND item_id = 3',
    );
    expect(Number(stored.rows[0]?.rating)).toBe(2);
  });

  it('emits named sparse feature vectors', async () => {
    const res = await call(features, {
      body: {
        records: [
          { userId: 3, itemId: 5 },
          { userId: 4242, itemId: 5, age: 40, gender: 'M' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const names = res.body.vectors[0].features.map((f: { name: string }) => f.name);
    expect(names).toContain('user:3');
    expect(names).toContain('item:5');
    expect(names.some((n: string) => n.startsWith('rated:'))).toBe(true);
    expect(res.body.vectors[1].knownUser).toBe(false);
    expect((await call(features, { body: { records: [] } })).status).toBe(400);
  });

  it('writes batch top-K and serves it when the model is not loaded', async () => {
    const batch = await getRecommender().batch(5);
    expect(batch.users).toBeGreaterThan(50);
    resetRecommender(createRecommender({ db, store: createFsModelStore(join(dir, `${engine}-empty`)) }));
    const res = await call(recommendations, { params: { id: '3' }, query: { k: '3' } });
    expect(res.body.source).toBe('batch');
    expect(res.body.items).toHaveLength(3);
  });
});
