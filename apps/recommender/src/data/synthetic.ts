// Small synthetic rating data from a hidden low-rank model with side effects: for tests and demos, so
// nothing depends on the licensed MovieLens files.
import { createRng } from '@suite/shared/ml';
import {
  MOVIELENS_GENRES,
  MOVIELENS_OCCUPATIONS,
  createRatings,
  type ItemProfile,
  type Ratings,
  type UserProfile,
} from './types.ts';

export interface SyntheticData {
  ratings: Ratings;
  users: UserProfile[];
  items: ItemProfile[];
}

/** `nUsers` x `nItems` world, each user rating `perUser` random items; deterministic for a seed. */
export function createSyntheticData(
  options: { nUsers?: number; nItems?: number; perUser?: number; seed?: number } = {},
): SyntheticData {
  const { nUsers = 60, nItems = 40, perUser = 15, seed = 7 } = options;
  const rng = createRng(seed);
  const k = 3;
  const pu = Array.from({ length: nUsers }, () => Array.from({ length: k }, () => rng.normal()));
  const qi = Array.from({ length: nItems }, () => Array.from({ length: k }, () => rng.normal()));
  const bi = Array.from({ length: nItems }, () => rng.normal() * 0.5);
  const users: UserProfile[] = pu.map((_, u) => ({
    id: u + 1,
    age: 15 + rng.nextInt(50),
    gender: rng.next() < 0.5 ? 'M' : 'F',
    occupation: MOVIELENS_OCCUPATIONS[rng.nextInt(MOVIELENS_OCCUPATIONS.length)] as string,
  }));
  const items: ItemProfile[] = qi.map((_, i) => ({
    id: i + 1,
    title: `Item ${i + 1}`,
    genres: [MOVIELENS_GENRES[1 + (i % 18)] as string],
  }));
  const rows: Array<{ user: number; item: number; rating: number; time: number }> = [];
  let time = 1_000_000;
  for (let u = 0; u < nUsers; u++) {
    const chosen = new Set<number>();
    while (chosen.size < Math.min(perUser, nItems)) chosen.add(rng.nextInt(nItems));
    for (const i of chosen) {
      let y = 3.5 + (bi[i] as number);
      for (let f = 0; f < k; f++) y += 0.5 * (pu[u]![f] as number) * (qi[i]![f] as number);
      const rating = Math.min(5, Math.max(1, Math.round(y + 0.3 * rng.normal())));
      rows.push({ user: u + 1, item: i + 1, rating, time: time++ });
    }
  }
  return { ratings: createRatings(rows), users, items };
}
