import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { trainModel } from '../training/train-model.ts';
import { clipRating, scoreItem } from './fm-model.ts';
import { getCatalogUserContext, getItemTable } from './predict.ts';
import { getRankingBonus, topKForContext } from './top-k.ts';

const data = createSyntheticData({ nUsers: 30, nItems: 50, perUser: 10 });
const { model } = trainModel(data, { kind: 'fm', k: 4, epochs: 3, validationFraction: 0 });

describe('top-K', () => {
  it('returns the same items as a full sort, best first', () => {
    const ctx = getCatalogUserContext(model, 4);
    const all = Array.from({ length: 50 }, (_, i) => ({
      item: i,
      score: scoreItem(model, ctx, getItemTable(model), i),
    }));
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

describe('ranking prior', () => {
  it('lifts popular items in the ranking without changing the rating shown', () => {
    const ctx = getCatalogUserContext(model, 4);
    const plain = topKForContext(model, ctx, { k: 50 });
    const bonus = getRankingBonus(model, 100)!;
    const lifted = topKForContext(model, ctx, { k: 5, bonus });
    const mostRated = Array.from(model.catalog.itemCount.keys()).sort(
      (a, b) => model.catalog.itemCount[b]! - model.catalog.itemCount[a]! || a - b,
    );
    expect(lifted[0]!.item).toBe(mostRated[0]);
    const same = plain.find((p) => p.item === lifted[0]!.item)!;
    expect(lifted[0]!.score).toBeCloseTo(same.score, 6);
    expect(getRankingBonus(model, 0)).toBeUndefined();
  });
});
