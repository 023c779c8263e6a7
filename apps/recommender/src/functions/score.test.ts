// GET /api/users/{id}/items/{item}/score on real database engines.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../testing/http-test-kit.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { score } from './score.ts';

describe.each(testEngines())('GET /api/users/{id}/items/{item}/score on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    await seedDemo(kit.recommender, { kind: 'mf', k: 2, epochs: 2 });
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('scores one pair and answers 404 for an unknown item', async () => {
    const ok = await call(score, { params: { id: '3', item: '5' } });
    expect(ok.status).toBe(200);
    expect(ok.body.score).toBeGreaterThanOrEqual(1);
    expect((await call(score, { params: { id: '3', item: '4040' } })).status).toBe(404);
  });
});
