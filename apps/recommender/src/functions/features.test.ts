// POST /api/features on real database engines: named sparse FM vectors in the served model's feature space.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
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
});
