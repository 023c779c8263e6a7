// A fixture with implicit structure for ranking tests: users and items fall into taste groups, and a user
// mostly rates (and rates highly) items of their own group, so who-rated-what predicts what they want next.
import { createRng } from '@suite/shared/ml';
import { MOVIELENS_GENRES, createRatings, type Ratings } from '../data/types.ts';
import type { SyntheticData } from '../data/synthetic.ts';

export interface TasteGroupOptions {
  nUsers?: number;
  nItems?: number;
  groups?: number;
  perUser?: number;
  /** Share of a user's ratings inside their own group. */
  loyalty?: number;
  seed?: number;
}

/** User u (id u + 1) and item i (id i + 1) belong to group index % groups. */
export function createTasteGroupData(options: TasteGroupOptions = {}): SyntheticData {
  const { nUsers = 60, nItems = 40, groups = 3, perUser = 8, loyalty = 0.9, seed = 11 } = options;
  const rng = createRng(seed);
  const rows: Array<{ user: number; item: number; rating: number; time: number }> = [];
  for (let u = 0; u < nUsers; u++) {
    const chosen = new Set<number>();
    while (chosen.size < perUser) {
      const own = rng.next() < loyalty;
      let i = rng.nextInt(nItems);
      while ((i % groups === u % groups) !== own) i = rng.nextInt(nItems);
      chosen.add(i);
    }
    for (const i of chosen) {
      const rating = i % groups === u % groups ? 4 + rng.nextInt(2) : 1 + rng.nextInt(3);
      rows.push({ user: u + 1, item: i + 1, rating, time: 1_000_000 + rows.length });
    }
  }
  const ratings: Ratings = createRatings(rows);
  return {
    ratings,
    users: Array.from({ length: nUsers }, (_, u) => ({
      id: u + 1,
      age: 30,
      gender: 'F',
      occupation: 'writer',
    })),
    items: Array.from({ length: nItems }, (_, i) => ({
      id: i + 1,
      title: `Item ${i + 1}`,
      genres: [MOVIELENS_GENRES[1 + (i % groups)] as string],
    })),
  };
}
