// The batch timer on real database engines: skipped without a model, top-BATCH_TOP_K per user with one.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecommenderConfig } from '../config/recommender-config.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';
import { createLoggedContext, createTestTimer } from '../testing/timer-test-kit.ts';
import { batchTimer } from './batch-timer.ts';

const config = loadRecommenderConfig({ BATCH_TOP_K: '4' });

describe.each(testEngines())('batchTimer on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine, { config });
    await seedDemo(kit.recommender);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  const stored = async () =>
    (
      await kit.db.query<{ user_id: number; items: unknown[] }>(
        'SELECT user_id, items FROM rec_batch_recommendations ORDER BY user_id',
      )
    ).rows;

  it('skips the run while no model is published', async () => {
    const { context, lines } = createLoggedContext('batchTimer');
    await batchTimer(createTestTimer(), context);
    expect(lines.join('\n')).toContain('batch skipped: no model published yet');
    expect(await stored()).toEqual([]);
  });

  it('stores BATCH_TOP_K items for every user of the served model', async () => {
    await kit.recommender.train({ kind: 'mf', k: 2, epochs: 2 });
    const { context, lines } = createLoggedContext('batchTimer');
    await batchTimer(createTestTimer(), context);
    const rows = await stored();
    expect(rows).toHaveLength(60);
    for (const row of rows) expect(row.items).toHaveLength(4);
    expect(lines.join('\n')).toMatch(/batch top-K for 60 users from \S+/);
  });
});
