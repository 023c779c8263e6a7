// POST /api/{ratings|items|users}/import on real database engines (PGlite, and Postgres when DATABASE_URL is set).
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  DEMO,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { importData } from './import-data.ts';

const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };
const csv = { 'content-type': 'text/csv', ...ADMIN };
const demo = DEMO;

describe.each(testEngines())('POST /api/{kind}/import on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('refuses every kind of import without the admin key, and stores nothing', async () => {
    for (const kind of ['ratings', 'items', 'users']) {
      const body = kind === 'ratings' ? demo.ratings : kind === 'items' ? demo.items : demo.users;
      const anonymous = await call(importData, {
        params: { kind },
        body,
        headers: { 'content-type': 'text/csv' },
      });
      expect(anonymous.status, kind).toBe(401);
      const wrong = await call(importData, {
        params: { kind },
        body,
        headers: { 'content-type': 'text/csv', 'x-admin-key': 'guess' },
      });
      expect(wrong.status, kind).toBe(401);
    }
    const stored = await kit.db.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM rec_ratings) + (SELECT count(*) FROM rec_items) + (SELECT count(*) FROM rec_users) AS n',
    );
    expect(Number(stored.rows[0]?.n)).toBe(0);
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
      headers: ADMIN,
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
    expect((await call(importData, { params: { kind: 'movies' }, body: 'x', headers: ADMIN })).status).toBe(
      400,
    );
  });
});
