import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { resolveTrainOptions } from './train-options.ts';
import { predictRatings } from '../model/predict.ts';
import { blendModels } from './blend-models.ts';
import { trainModel } from './train-model.ts';

const data = createSyntheticData({ nUsers: 80, nItems: 40, perUser: 20 });

describe('training', () => {
  it('repeats exactly for the same seed', () => {
    const a = trainModel(data, { kind: 'fm', k: 4, epochs: 3, seed: 5 });
    const b = trainModel(data, { kind: 'fm', k: 4, epochs: 3, seed: 5 });
    expect(Array.from(a.model.params)).toEqual(Array.from(b.model.params));
  });

  it.each(['sgd', 'momentum', 'adagrad'] as const)('lowers training error with %s', (optimizer) => {
    const res = trainModel(data, { kind: 'mf', k: 4, epochs: 8, optimizer, validationFraction: 0 });
    const first = res.history[0]!.trainRmse;
    expect(res.history.at(-1)!.trainRmse).toBeLessThan(first);
  });

  it('beats the biases-only baseline on low-rank data', () => {
    const opts = { epochs: 40, validationFraction: 0.2, seed: 3 } as const;
    const base = trainModel(data, { ...opts, kind: 'baseline' });
    const mf = trainModel(data, { ...opts, kind: 'mf', k: 4, optimizer: 'adagrad' });
    expect(mf.validation!.rmse).toBeLessThan(base.validation!.rmse);
  });

  it('stops early when validation error stops improving', () => {
    const res = trainModel(data, {
      kind: 'fm',
      k: 8,
      epochs: 200,
      patience: 2,
      optimizer: 'adagrad',
      learningRate: 0.2,
    });
    expect(res.history.length).toBeLessThan(200);
    expect(res.bestEpoch).toBeLessThanOrEqual(res.history.length);
  });

  it('serves a seed blend as one FM whose predictions are the mean of its members', () => {
    const a = trainModel(data, { kind: 'fm', k: 3, epochs: 2, seed: 5, validationFraction: 0 }).model;
    const b = trainModel(data, { kind: 'fm', k: 3, epochs: 2, seed: 9, validationFraction: 0 }).model;
    // Widen the rating range so clipping does not hide a difference.
    const [wa, wb] = [
      { ...a, minRating: -99, maxRating: 99 },
      { ...b, minRating: -99, maxRating: 99 },
    ];
    const blend = blendModels([wa, wb]);
    expect(blend.k).toBe(6);
    const pa = predictRatings(wa, data.ratings);
    const pb = predictRatings(wb, data.ratings);
    const pm = predictRatings(blend, data.ratings);
    pm.forEach((y, r) => expect(y).toBeCloseTo(((pa[r] as number) + (pb[r] as number)) / 2, 10));
  });

  it('trains blend seeds into one model with blend * k factors', () => {
    const res = trainModel(data, { kind: 'fm', k: 3, epochs: 2, blend: 2, seed: 5 });
    expect(res.model.k).toBe(6);
    expect(res.model.params.length).toBe(1 + res.model.layout.size * 7);
    expect(res.validation!.rmse).toBeGreaterThan(0);
  });

  it('rejects bad options naming the field', () => {
    expect(() => resolveTrainOptions({ optimizer: 'adam' as never })).toThrow(/optimizer/);
    expect(() => resolveTrainOptions({ k: 0 })).toThrow(/k/);
  });
});
