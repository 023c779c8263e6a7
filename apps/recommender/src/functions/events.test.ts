// POST /api/events on real database engines: online fold-in, redelivery, event id clashes, future times.
import { SUITE_METRICS } from '@suite/shared/telemetry';
import { captureMetrics, testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecommenderConfig } from '../config/recommender-config.ts';
import { call } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { events } from './events.ts';
import { recommendations } from './recommendations.ts';
import { score } from './score.ts';

/** An event writes shared data: with API_KEYS off (these tests) it takes the admin key. */
const ADMIN = { 'x-admin-key': TEST_ADMIN_KEY };

describe.each(testEngines())('POST /api/events on %s', (engine) => {
  let kit: RecommenderTestKit;
  let db: RecommenderTestKit['db'];
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    db = kit.db;
    await seedDemo(kit.recommender, { kind: 'mf', k: 2, epochs: 2 });
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('folds a rating event into the user online, and ignores a redelivered event', async () => {
    const target = (await call(recommendations, { params: { id: '8' }, query: { k: '1' } })).body.items[0]
      .itemId as number;
    const before = (await call(score, { params: { id: '8', item: String(target) } })).body.score as number;
    const ev = { type: 'rating', userId: 8, itemId: target, rating: 1, eventId: `e-${engine}` };
    const res = await call(events, { headers: ADMIN, body: ev });
    expect(res.status).toBe(201);
    expect(res.body.online.updated).toBe(true);
    const after = (await call(score, { params: { id: '8', item: String(target) } })).body.score as number;
    expect(after).toBeLessThan(before);
    const top = (await call(recommendations, { params: { id: '8' }, query: { k: '5' } })).body.items.map(
      (i: { itemId: number }) => i.itemId,
    );
    expect(top).not.toContain(target);
    expect((await call(events, { headers: ADMIN, body: ev })).body.duplicate).toBe(true);
    expect(
      (await call(events, { headers: ADMIN, body: { type: 'rating', userId: 8, itemId: 1 } })).status,
    ).toBe(400);
  });

  it('refuses an anonymous or wrongly keyed event with API_KEYS off, storing nothing', async () => {
    const ev = { type: 'rating', userId: 10, itemId: 4, rating: 1, eventId: `anonymous-${engine}` };
    const anonymous = await call(events, { body: ev });
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.body)).toContain('x-admin-key');
    expect((await call(events, { headers: { 'x-admin-key': 'guess' }, body: ev })).status).toBe(401);
    const stored = await db.query('SELECT 1 FROM rec_events WHERE event_id = $1', [ev.eventId]);
    expect(stored.rows).toHaveLength(0);
  });

  it('emits recommendation latency by source and one feedback count per stored event, none for a redelivery', async () => {
    const capture = captureMetrics();
    try {
      expect((await call(recommendations, { params: { id: '11' }, query: { k: '3' } })).status).toBe(200);
      const click = { type: 'click', userId: 11, itemId: 5, eventId: `metrics-${engine}` };
      expect((await call(events, { headers: ADMIN, body: click })).status).toBe(201);
      expect((await call(events, { headers: ADMIN, body: click })).body.duplicate).toBe(true);
      expect(await capture.points(SUITE_METRICS.feedbackReceived)).toEqual([
        { attributes: { app: 'recommender', kind: 'click' }, value: 1 },
      ]);
      const [recommend] = await capture.points(SUITE_METRICS.predictionDuration);
      expect(recommend?.attributes).toEqual({ app: 'recommender', operation: 'recommend', source: 'model' });
      expect(recommend?.histogram?.count).toBe(1);
    } finally {
      await capture.stop();
    }
  });

  it('answers 409 naming eventId when an event id comes back with a different payload', async () => {
    const ev = { type: 'rating', userId: 9, itemId: 2, rating: 4.1, eventId: `conflict-${engine}` };
    expect((await call(events, { headers: ADMIN, body: ev })).status).toBe(201);
    expect((await call(events, { headers: ADMIN, body: ev })).body.duplicate).toBe(true);
    const clash = await call(events, { headers: ADMIN, body: { ...ev, rating: 1 } });
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
      headers: ADMIN,
      body: { type: 'rating', userId: 9, itemId: 3, rating: 5, occurredAt: future },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('occurredAt');
    expect(
      (await call(events, { headers: ADMIN, body: { type: 'rating', userId: 9, itemId: 3, rating: 2 } }))
        .status,
    ).toBe(201);
    const stored = await db.query<{ rating: number }>(
      'SELECT rating FROM rec_ratings WHERE user_id = 9 AND item_id = 3',
    );
    expect(Number(stored.rows[0]?.rating)).toBe(2);
  });

  it('refuses, naming the id, an event for an item in no import or rating, storing nothing', async () => {
    const unknown = 424242;
    for (const body of [
      { type: 'rating', userId: 9, itemId: unknown, rating: 4 },
      { type: 'click', userId: 9, itemId: unknown },
    ]) {
      const res = await call(events, { headers: ADMIN, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors).toEqual([
        { path: 'itemId', message: expect.stringContaining(`item ${unknown} is not in the catalogue`) },
      ]);
    }
    const stored = await db.query(
      'SELECT 1 FROM rec_events WHERE item_id = $1 UNION ALL SELECT 1 FROM rec_ratings WHERE item_id = $1',
      [unknown],
    );
    expect(stored.rows).toHaveLength(0);
    // Imported as an item (no rating of it yet), it is in the catalogue.
    await kit.recommender.importData('items', 'id,title\n424243,New arrival\n', 'csv');
    const rated = { type: 'rating', userId: 9, itemId: 424243, rating: 4 };
    expect((await call(events, { headers: ADMIN, body: rated })).status).toBe(201);
    // An open catalogue lets an event name any item.
    kit.reinstall({ config: loadRecommenderConfig({ ITEM_CATALOGUE: 'open' }) });
    try {
      const click = { type: 'click', userId: 9, itemId: unknown };
      expect((await call(events, { headers: ADMIN, body: click })).status).toBe(201);
    } finally {
      kit.reinstall();
    }
  });

  it('refuses an event time before 1970 as implausible, naming occurredAt and the bound', async () => {
    const res = await call(events, {
      headers: ADMIN,
      body: { type: 'rating', userId: 9100, itemId: 4, rating: 2, occurredAt: '1900-01-01T00:00:00Z' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      { path: 'occurredAt', message: expect.stringContaining('1970-01-01T00:00:00Z') },
    ]);
    const stored = await db.query('SELECT 1 FROM rec_ratings WHERE user_id = 9100');
    expect(stored.rows).toHaveLength(0);
  });

  it('names an event time that is no date as such, without also calling it a future time', async () => {
    const res = await call(events, {
      headers: ADMIN,
      body: { type: 'click', userId: 9, itemId: 3, occurredAt: 'yesterday' },
    });
    expect(res.status).toBe(400);
    const messages = (res.body.errors as Array<{ path: string; message: string }>).map((e) => e.message);
    expect(messages).toEqual([expect.stringMatching(/datetime/i)]);
  });
});
