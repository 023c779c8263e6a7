import { createRng } from '@suite/shared/ml';
import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { createCatalog } from '../features/catalog.ts';
import { buildItemBlock, buildUserBlock, getCatalogUserFacts } from '../features/feature-space.ts';
import { createFmModel, createUserContext, predictBlocks, scoreItem } from './fm-model.ts';
import { getItemTable } from './predict.ts';

const data = createSyntheticData({ nUsers: 10, nItems: 8, perUser: 4 });
const catalog = createCatalog(data.ratings, data.users, data.items);
const model = createFmModel({ kind: 'fm', k: 4, catalog, rng: createRng(1), initStd: 0.3 });

/** The FM definition with the explicit double sum over pairs, O(k n^2). */
function naive(idx: number[], val: number[]): number {
  const n = model.layout.size;
  const p = model.params;
  let y = p[0] as number;
  idx.forEach((j, t) => (y += (p[1 + j] as number) * (val[t] as number)));
  for (let a = 0; a < idx.length; a++)
    for (let b = a + 1; b < idx.length; b++) {
      let dot = 0;
      for (let f = 0; f < model.k; f++)
        dot += (p[1 + n + idx[a]! * model.k + f] as number) * (p[1 + n + idx[b]! * model.k + f] as number);
      y += dot * (val[a] as number) * (val[b] as number);
    }
  return y;
}

describe('factorisation machine', () => {
  it('computes the pairwise term in O(kn) exactly as the double sum', () => {
    const ub = buildUserBlock(model.layout, getCatalogUserFacts(catalog, 3));
    const ib = buildItemBlock(model.layout, catalog, 5);
    const expected = naive([...ub.idx, ...ib.idx], [...ub.val, ...ib.val]);
    const got = predictBlocks({ ...model, minRating: -1e9, maxRating: 1e9 }, ub, ib);
    expect(got).toBeCloseTo(expected, 10);
  });

  it('scores through the precomputed item table the same as the direct formula', () => {
    const open = { ...model, minRating: -1e9, maxRating: 1e9 };
    const ub = buildUserBlock(model.layout, getCatalogUserFacts(catalog, 2));
    const ctx = createUserContext(open, ub);
    for (let i = 0; i < catalog.itemIds.length; i++) {
      expect(scoreItem(open, ctx, getItemTable(open), i)).toBeCloseTo(
        predictBlocks(open, ub, buildItemBlock(model.layout, catalog, i)),
        10,
      );
    }
  });

  it('clips predictions into the rating range', () => {
    const wild = { ...model, params: model.params.map((v, j) => (j === 0 ? 100 : v)) };
    const ub = buildUserBlock(model.layout, getCatalogUserFacts(catalog, 0));
    expect(predictBlocks(wild, ub, buildItemBlock(model.layout, catalog, 0))).toBe(5);
  });
});
