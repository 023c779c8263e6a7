// A fresh instance on a store whose `latest` is garbage (another app's artifact under this name, a broken upload)
// still recommends with the model it replaced, and /api/health says which version it serves instead.
import { resetDb } from '@suite/shared/db';
import { testEngines, healthModels, overwriteFsLatestPointer } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { health } from '../functions/health.ts';
import {
  createRecommenderTestKit,
  seedDemo,
  type RecommenderTestKit,
} from '../testing/recommender-test-kit.ts';

describe.each(testEngines())('recommender on a latest model that does not decode, on %s', (engine) => {
  let kit: RecommenderTestKit;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    await seedDemo(kit.recommender, { kind: 'fm', k: 4, epochs: 4 });
  });
  afterAll(async () => {
    await kit.dispose();
    await resetDb(); // the one health's probe opened
  });

  it('a fresh instance still recommends with the previous model, and health reports the fallback', async () => {
    const before = await kit.recommender.recommend(3, 5, false);
    expect(before.source).toBe('model');
    const [name] = kit.recommender.models.names();
    const foreign = await kit.recommender.models
      .store()
      .publish(name!, new TextEncoder().encode('not a factorization machine'));

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const cold = kit.reinstall();
      const after = await cold.recommend(3, 5, false);
      expect(after).toMatchObject({ source: 'model', modelVersion: before.modelVersion });
      expect(after.items.map((i) => i.itemId)).toEqual(before.items.map((i) => i.itemId));
      expect(errors.mock.calls.some(([line]) => String(line).includes(foreign.version))).toBe(true);

      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({
          cache: 'recommender',
          name,
          version: before.modelVersion,
          fallback: expect.objectContaining({ latest: foreign.version }),
        }),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it("a fresh instance recommends with the newest model that loads when latest holds another model's manifest", async () => {
    const before = await kit.recommender.recommend(3, 5, false);
    const [name] = kit.recommender.models.names();
    const store = kit.recommender.models.store();
    const served = await store.latest(name!);
    await overwriteFsLatestPointer(kit.modelDir, name!, JSON.stringify({ ...served, name: 'another-model' }));

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // The newest stored version is the foreign one of the test above: skipped as well.
      const after = await kit.reinstall().recommend(3, 5, false);
      expect(after).toMatchObject({ source: 'model', modelVersion: before.modelVersion });
      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({
          cache: 'recommender',
          name,
          version: before.modelVersion,
          fallback: expect.objectContaining({ latest: 'unreadable' }),
        }),
      );
    } finally {
      errors.mockRestore();
    }
  });
});
