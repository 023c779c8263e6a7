import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { getCatalogUserFacts } from '../features/feature-space.ts';
import { trainModel } from '../training/train-model.ts';
import { scoreItem } from './fm-model.ts';
import { applyOverlay, createOverlay, foldInRatings, getUserContext } from './online-update.ts';
import { getItemTable } from './predict.ts';

const data = createSyntheticData({ nUsers: 30, nItems: 40, perUser: 10 });
const { model } = trainModel(data, { kind: 'fm', k: 4, epochs: 5, validationFraction: 0 });

describe('online update', () => {
  it('leaves scores unchanged with a zero overlay', () => {
    const facts = getCatalogUserFacts(model.catalog, 1);
    const a = getUserContext(model, facts);
    const b = applyOverlay(a, createOverlay(model.k));
    expect(b.base).toBeCloseTo(a.base, 12);
  });

  it('moves the score of a newly rated item toward the rating right away', () => {
    const facts = getCatalogUserFacts(model.catalog, 2);
    const item = [...Array(40).keys()].find((i) => !Array.from(facts.rated).includes(i)) as number;
    const before = scoreItem(model, getUserContext(model, facts), getItemTable(model), item);
    const newFacts = { ...facts, rated: [...Array.from(facts.rated), item] };
    const overlay = foldInRatings(model, newFacts, [{ item, rating: 1 }], undefined);
    const after = scoreItem(model, getUserContext(model, newFacts, overlay), getItemTable(model), item);
    expect(after).toBeLessThan(before);
  });

  it('learns a taste for a user the model has never seen', () => {
    const facts = { user: -1, ageBucket: -1, gender: -1, occupation: -1, rated: [0, 1, 2] };
    const history = [0, 1, 2].map((item) => ({ item, rating: 5 }));
    const overlay = foldInRatings(model, facts, history, undefined, {
      steps: 20,
      learningRate: 0.05,
      reg: 0.01,
    });
    expect(overlay.bias).toBeGreaterThan(0);
  });

  it('stays stable on a model with large factors: one rating moves the score toward it, never past it', () => {
    // Factors 8x larger (|s + t|^2 in the hundreds, as in an MCMC blend of 384 factors): plain SGD steps at
    // lr 0.02 overshoot more each time and blew the score up to -3e24.
    const big = { ...model, params: Float64Array.from(model.params) };
    for (let p = 1 + model.layout.size; p < big.params.length; p++) big.params[p]! *= 8;
    const facts = getCatalogUserFacts(big.catalog, 3);
    const table = getItemTable(big);
    for (let item = 0; item < 40; item++) {
      const newFacts = { ...facts, rated: [...Array.from(facts.rated), item] };
      const before = scoreItem(big, getUserContext(big, newFacts), table, item);
      const rating = before > 3 ? 1 : 5;
      const overlay = foldInRatings(big, newFacts, [{ item, rating }], undefined);
      const after = scoreItem(big, getUserContext(big, newFacts, overlay), table, item);
      expect(Math.abs(after - rating)).toBeLessThan(Math.abs(before - rating));
    }
  });
});
