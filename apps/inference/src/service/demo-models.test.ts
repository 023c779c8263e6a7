// Dev seeding (SEED_DEMO=1): an empty store gets the four committed models, each with its metadata and a held-out
// row as `example` that predicts as the framework did; a store that holds a model is left alone.
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { createSumModel, FLOAT } from '../testing/create-sum-model.ts';
import { readTestModel, useTestInference } from '../testing/http-test-kit.ts';
import { DEMO_MODELS, seedDemoModelsIfEmpty } from './demo-models.ts';

describe.each(testEngines())('demo models on %s', (engine) => {
  const service = useTestInference(engine);

  it('publishes the committed models into an empty store once, each example answering as its framework did', async () => {
    expect((await seedDemoModelsIfEmpty(service())).sort()).toEqual(Object.keys(DEMO_MODELS).sort());
    const models = await service().models();
    expect(models.map((m) => m.name).sort()).toEqual(Object.keys(DEMO_MODELS).sort());
    const iris = models.find((m) => m.name === 'iris')!;
    expect(iris.metadata['labels']).toEqual(['setosa', 'versicolor', 'virginica']);
    // The example is the first held-out row: the served model gives the framework's label for it.
    const example = iris.metadata['example'] as unknown[];
    expect(example).toHaveLength(1);
    const { predictions } = await service().predict('iris', example);
    const expected = readTestModel('iris-logreg').reference.outputs['label']![0];
    expect((predictions[0] as { label: number }).label).toBe(expected);
    // Seeded already: nothing more.
    expect(await seedDemoModelsIfEmpty(service())).toEqual([]);
    expect(models.every((m) => m.versionCount === 1)).toBe(true);
  });
});

describe('demo models beside a published one', () => {
  const service = useTestInference('pglite');

  it('leaves a store that holds any model alone', async () => {
    await service().publish('mine', createSumModel(FLOAT, 2), {});
    expect(await seedDemoModelsIfEmpty(service())).toEqual([]);
    expect((await service().models()).map((m) => m.name)).toEqual(['mine']);
  });
});
