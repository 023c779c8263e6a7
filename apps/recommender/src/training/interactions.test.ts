import { describe, expect, it } from 'vitest';
import { createRatings } from '../data/types.ts';
import { createCatalog } from '../features/catalog.ts';
import { createInteractions } from './interactions.ts';

const ratings = createRatings([
  { user: 20, item: 7, rating: 2 },
  { user: 10, item: 9, rating: 5 },
  { user: 20, item: 3, rating: 4 },
  { user: 10, item: 3, rating: 1 },
  { user: 20, item: 7, rating: 5 }, // the same pair again: the last rating counts
  { user: 99, item: 3, rating: 4 }, // a user outside the catalog below is skipped
]);
const catalog = createCatalog(
  createRatings([
    { user: 10, item: 3, rating: 1 },
    { user: 20, item: 7, rating: 1 },
    { user: 10, item: 9, rating: 1 },
  ]),
  [],
  [],
);

describe('interactions', () => {
  it('holds each user row sorted by item, one entry per pair with its last rating', () => {
    const x = createInteractions(catalog, ratings);
    expect(Array.from(x.userStart)).toEqual([0, 2, 4]);
    expect(Array.from(x.userItem)).toEqual([0, 2, 0, 1]);
    expect(Array.from(x.userValue)).toEqual([1, 5, 4, 5]);
  });

  it('holds the transpose by item with the same ratings', () => {
    const x = createInteractions(catalog, ratings);
    expect(Array.from(x.itemStart)).toEqual([0, 2, 3, 4]);
    expect(Array.from(x.itemUser)).toEqual([0, 1, 1, 0]);
    expect(Array.from(x.itemValue)).toEqual([1, 4, 5, 5]);
  });
});
