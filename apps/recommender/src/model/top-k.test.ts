import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { trainModel } from '../training/train-model.ts';
import { clipRating, scoreItem } from './fm-model.ts';
import { getCatalogUserContext, getItemTable } from './predict.ts';
import { topKForContext } from './top-k.ts';

const data = createSyntheticData({ nUsers: 30, nItems: 50, perUser: 10 });
const { model } = trainModel(data, { kind: 'fm', k: 4, epochs: 3, validationFraction: 0 });

describe('top-K', () => {
  it('returns the same items as a full sort, best first', () => {
    const ctx = getCatalogUserContext(model, 4);
    const all = Array.from({ length: 50 }, (_, i) => ({ item: i, score: scoreItem(model, ctx, getItemTable(model), i) }));
    all.sort((a, b) => b.score - a.score || a.item - b.item);
    const got = topKForContext(model, ctx, { k: 7 });
    expect(got.map((s) => s.item)).toEqual(all.slice(0, 7).map((s) => s.item));
    expect(got[0]!.score).toBeCloseTo(clipRating(model, all[0]!.score), 6);
  });

  it('leaves out excluded items and copes with K larger than what is left', () => {
    const ctx = getCatalogUserContext(model, 0);
    const exclude = Array.from({ length: 45 }, (_, i) => i);
    const got = topKForContext(model, ctx, { k: 10, exclude });
    expect(got.map((s) => s.item).sort((a, b) => a - b)).toEqual([45, 46, 47, 48, 49]);
  });
});
