// GET /api/users/{id}/recommendations on real database engines: popularity, model, cold start and batch sources.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { getRecommender } from '../service/recommender.ts';
import { importData } from './import-data.ts';
import { recommendations } from './recommendations.ts';
import { score } from './score.ts';

describe.each(testEngines())('GET /api/users/{id}/recommendations on %s', (engine) => {
  let kit: RecommenderTestKit;
  let db: RecommenderTestKit['db'];
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    db = kit.db;
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('recommends by popularity before any model exists', async () => {
    const res = await call(recommendations, { params: { id: '3' }, query: { k: '5' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'popularity', modelVersion: null });
    expect(res.body.items).toHaveLength(5);
  });

  describe('with a published model', () => {
    beforeAll(async () => {
      await kit.recommender.train({ kind: 'mf', k: 2, epochs: 2 });
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
        headers: { 'x-admin-key': TEST_ADMIN_KEY },
        body: [{ id: 7777, age: 30, gender: 'F', occupation: 'writer' }],
      });
      expect((await call(recommendations, { params: { id: '7777' } })).body.source).toBe('cold-start');
      expect((await call(recommendations, { params: { id: 'abc' }, query: { k: '0' } })).status).toBe(400);
    });

    it('keeps which items a user rated to the admin: exclude_seen=false needs the admin key', async () => {
      const seen = (
        await db.query<{ item_id: number }>('SELECT item_id FROM rec_ratings WHERE user_id = 3')
      ).rows.map((r) => r.item_id);
      const all = { params: { id: '3' }, query: { k: '100', exclude_seen: 'false' } };
      const refused = await call(recommendations, all);
      expect(refused.status).toBe(401);
      expect(JSON.stringify(refused.body)).toContain('exclude_seen');
      expect((await call(recommendations, { ...all, headers: { 'x-admin-key': 'guess' } })).status).toBe(401);
      expect(
        (await call(recommendations, { ...all, query: { ...all.query, exclude_seen: '0' } })).status,
      ).toBe(401);
      const admin = await call(recommendations, { ...all, headers: { 'x-admin-key': TEST_ADMIN_KEY } });
      expect(admin.status).toBe(200);
      expect(admin.body.items.some((i: { itemId: number }) => seen.includes(i.itemId))).toBe(true);
      const open = await call(recommendations, { params: { id: '3' }, query: { k: '100' } });
      expect(open.status).toBe(200);
      for (const it of open.body.items) expect(seen).not.toContain(it.itemId);
    });

    it('reads path ids as plain decimal integers only', async () => {
      for (const id of ['0x10', '1e3', ' 7', '+3', '3.0', '0b11']) {
        const res = await call(recommendations, { params: { id } });
        expect(res.status, id).toBe(400);
        expect(JSON.stringify(res.body.errors), id).toContain('id');
      }
      expect((await call(score, { params: { id: '3', item: '0x5' } })).status).toBe(400);
    });

    it('writes batch top-K and serves it when the model is not loaded', async () => {
      const batch = await getRecommender().batch(5);
      expect(batch.users).toBeGreaterThan(50);
      kit.reinstall({ emptyStore: true });
      const res = await call(recommendations, { params: { id: '3' }, query: { k: '3' } });
      expect(res.body.source).toBe('batch');
      expect(res.body.items).toHaveLength(3);
    });
  });
});
