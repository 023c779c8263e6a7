// Why a score, on real database engines: an FM's contributions add up to its unclipped score, online fold-in
// included; iALS lists nearest rated items instead; top-K is ordered by the ranking score it reports.
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRecommenderTestKit,
  seedDemo,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';

describe.each(testEngines())('score explanations on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    await seedDemo(kit.recommender, { kind: 'fm', k: 4, epochs: 4 });
  });
  afterAll(() => kit.dispose());

  it('splits an FM score into feature contributions that add up to it, the online update included', async () => {
    const before = await kit.recommender.score(3, 5);
    expect(before.intercept).toBeTypeOf('number');
    const features = before.contributions.map((c) => c.feature);
    expect(features).toEqual(expect.arrayContaining(['user:3', 'item:5']));
    expect(features.some((f) => f.startsWith('genre:'))).toBe(true);
    expect(before.contributions.find((c) => c.feature === 'item:5')?.title).toEqual(expect.any(String));
    // Largest magnitude first; the tail beyond the top 10 summed into one entry.
    const named = before.contributions.filter((c) => !c.feature.startsWith('other'));
    const sizes = named.map((c) => Math.abs(c.value));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const sum = (r: typeof before) => r.intercept! + r.contributions.reduce((s, c) => s + c.value, 0);
    expect(sum(before)).toBeCloseTo(before.rankingScore - before.rankingBonus, 2);

    await kit.recommender.event({ type: 'rating', userId: 3, itemId: 7, rating: 5 });
    const after = await kit.recommender.score(3, 5);
    expect(after.contributions.map((c) => c.feature)).toContain('online');
    expect(sum(after)).toBeCloseTo(after.rankingScore - after.rankingBonus, 2);
  });

  it('orders top-K by the ranking score it reports, which the score endpoint agrees with', async () => {
    const list = await kit.recommender.recommend(4, 10, true);
    const ranking = list.items.map((i) => i.rankingScore!);
    expect(ranking).toEqual([...ranking].sort((a, b) => b - a));
    const top = list.items[0]!;
    const scored = await kit.recommender.score(4, top.itemId);
    expect(scored.rankingScore).toBeCloseTo(top.rankingScore!, 3);
    expect(scored.score).toBeCloseTo(top.score, 3);
  });

  it('explains an iALS score by the rated items nearest the item, saying so', async () => {
    await kit.recommender.train({ kind: 'ials', k: 4, epochs: 3 });
    const r = await kit.recommender.score(3, 5);
    expect(r.intercept).toBeUndefined();
    expect(r.explanation).toMatch(/iALS/);
    expect(r.contributions.length).toBeGreaterThan(0);
    for (const c of r.contributions) {
      expect(c.feature).toMatch(/^rated:\d+$/);
      expect(Math.abs(c.value)).toBeLessThanOrEqual(1);
    }
  });
});
