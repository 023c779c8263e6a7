// POST /api/features on real database engines: named sparse FM vectors in the served model's feature space.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  TEST_ADMIN_KEY,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { features } from './features.ts';

describe.each(testEngines())('POST /api/features on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    await seedDemo(kit.recommender, { kind: 'mf', k: 2, epochs: 2 });
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('emits named sparse feature vectors', async () => {
    const res = await call(features, {
      headers: { 'x-admin-key': TEST_ADMIN_KEY },
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

  it("never shows a stored user's attributes or rated items to a caller without the admin key", async () => {
    const stored = await kit.db.query<{ age: number; gender: string; occupation: string }>(
      'SELECT age, gender, occupation FROM rec_users WHERE id = 3',
    );
    const user = stored.rows[0];
    expect(user).toBeDefined();
    const anonymous = await call(features, { body: { records: [{ userId: 3, itemId: 5 }] } });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.storedUserData).toBe(false);
    const names: string[] = anonymous.body.vectors[0].features.map((f: { name: string }) => f.name);
    expect(names.filter((n) => /^(rated|age|gender|occupation)/.test(n))).toEqual([]);
    expect(JSON.stringify(anonymous.body)).not.toContain(user?.occupation);
    // What the record carries is still encoded, for a stored user id too.
    const own = await call(features, {
      body: { records: [{ userId: 3, itemId: 5, gender: 'F', rated: [1, 2] }] },
    });
    const ownNames: string[] = own.body.vectors[0].features.map((f: { name: string }) => f.name);
    expect(ownNames.filter((n) => n.startsWith('rated:'))).toHaveLength(2);
    expect(ownNames.some((n) => n.startsWith('gender'))).toBe(true);
    // A wrong key is a 401, not a silent anonymous answer.
    const wrong = await call(features, {
      headers: { 'x-admin-key': 'guess' },
      body: { records: [{ userId: 3, itemId: 5 }] },
    });
    expect(wrong.status).toBe(401);
    const admin = await call(features, {
      headers: { 'x-admin-key': TEST_ADMIN_KEY },
      body: { records: [{ userId: 3, itemId: 5 }] },
    });
    expect(admin.body.storedUserData).toBe(true);
    expect(admin.body.vectors[0].features.some((f: { name: string }) => f.name.startsWith('rated:'))).toBe(
      true,
    );
  });
});
