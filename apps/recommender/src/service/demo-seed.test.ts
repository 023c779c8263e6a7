// SEED_DEMO on real database engines: an empty database gets titled items, ratings and a first model; a
// database holding ratings is left alone.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecommenderTestKit, type RecommenderTestKit } from '../testing/recommender-test-kit.ts';

describe.each(testEngines())('demo seed on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
  });
  afterAll(async () => {
    await kit.dispose();
  });

  it('seeds an empty database once, then trains a first model that serves titled items', async () => {
    expect(await kit.recommender.seedDemoIfEmpty()).toBe(true);
    const [job] = await kit.recommender.jobs.list(1);
    let state = job!.state;
    for (let i = 0; i < 3000 && (state === 'queued' || state === 'running'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      state = (await kit.recommender.jobs.get(job!.id)).state;
    }
    expect(state).toBe('succeeded');
    const top = await kit.recommender.recommend(7, 3, true);
    expect(top.source).toBe('model');
    for (const item of top.items) expect(item.title).toMatch(/^The \w+ \w+ \(\d{4}\)$/);
    expect(await kit.recommender.seedDemoIfEmpty()).toBe(false);
  });
});
