import { describe, expect, it } from 'vitest';
import { createRatings } from '../data/types.ts';
import { ageBucket, createCatalog } from './catalog.ts';
import {
  buildItemBlock,
  buildUserBlock,
  createFeatureLayout,
  describeFeature,
  getCatalogUserFacts,
} from './feature-space.ts';

const ratings = createRatings([
  { user: 7, item: 100, rating: 5 },
  { user: 7, item: 200, rating: 3 },
  { user: 9, item: 200, rating: 4 },
]);
const catalog = createCatalog(
  ratings,
  [{ id: 7, age: 30, gender: 'F', occupation: 'writer' }],
  [
    { id: 200, title: 'B', genres: ['Comedy', 'Drama'] },
    { id: 300, title: 'C', genres: [] },
  ],
);

describe('feature engineering', () => {
  it('buckets ages like MovieLens 1M', () => {
    expect([ageBucket(10), ageBucket(18), ageBucket(30), ageBucket(70), ageBucket(null)]).toEqual([
      0, 1, 2, 6, -1,
    ]);
  });

  it('includes profiled but unrated items in the catalog and counts popularity', () => {
    expect(Array.from(catalog.itemIds)).toEqual([100, 200, 300]);
    expect(Array.from(catalog.itemCount)).toEqual([1, 2, 0]);
  });

  it('emits user one-hot, side features and the rated set normalised by 1/sqrt(|N(u)|)', () => {
    const layout = createFeatureLayout(catalog, { side: true, implicit: true });
    const block = buildUserBlock(layout, getCatalogUserFacts(catalog, 0));
    const names = Array.from(block.idx, (j) => describeFeature(layout, catalog, j));
    expect(names).toEqual(['user:7', 'age:25-34', 'gender:F', 'occupation:writer', 'rated:100', 'rated:200']);
    expect(block.explicit).toBe(4);
    expect(block.val[4]).toBeCloseTo(1 / Math.sqrt(2));
  });

  it('normalises item genres to sum to one and leaves them out for one-hot-only models', () => {
    const full = createFeatureLayout(catalog, { side: true, implicit: true });
    const b = buildItemBlock(full, catalog, 1);
    expect(Array.from(b.idx, (j) => describeFeature(full, catalog, j))).toEqual([
      'item:200',
      'genre:Comedy',
      'genre:Drama',
    ]);
    expect(Array.from(b.val)).toEqual([1, 0.5, 0.5]);
    const plain = createFeatureLayout(catalog, { side: false, implicit: false });
    expect(plain.size).toBe(2 + 3);
    expect(buildItemBlock(plain, catalog, 1).idx.length).toBe(1);
  });
});
