// The catalog: users, items and their side features in model index space, plus who rated what in training.
import {
  MOVIELENS_GENRES,
  MOVIELENS_OCCUPATIONS,
  type ItemProfile,
  type Ratings,
  type UserProfile,
} from '../data/types.ts';

/** Upper bounds (exclusive) of the age buckets: <18, 18-24, 25-34, 35-44, 45-49, 50-55, 56+. */
export const AGE_BOUNDS: readonly number[] = [18, 25, 35, 45, 50, 56];
export const AGE_LABELS: readonly string[] = ['<18', '18-24', '25-34', '35-44', '45-49', '50-55', '56+'];

/** Side features and training history keyed by dense indexes (user u is `userIds[u]`). */
export interface Catalog {
  userIds: Int32Array;
  itemIds: Int32Array;
  /** Age bucket per user, -1 unknown. */
  userAge: Int8Array;
  /** 0 = M, 1 = F, -1 unknown. */
  userGender: Int8Array;
  /** Occupation index per user, -1 unknown. */
  userOccupation: Int16Array;
  /** Genres of item i: itemGenre[itemGenreStart[i] .. itemGenreStart[i+1]). */
  itemGenreStart: Int32Array;
  itemGenre: Int16Array;
  /** Items user u rated in training (sorted item indexes): seenItem[seenStart[u] .. seenStart[u+1]). */
  seenStart: Int32Array;
  seenItem: Int32Array;
  /** Number of training ratings per item (popularity). */
  itemCount: Int32Array;
  genres: string[];
  occupations: string[];
}

/** The age bucket of an age in years, -1 when unknown. */
export function ageBucket(age: number | null | undefined): number {
  if (age === null || age === undefined || !Number.isFinite(age)) return -1;
  let b = 0;
  while (b < AGE_BOUNDS.length && age >= (AGE_BOUNDS[b] as number)) b++;
  return b;
}

/** Index maps from raw id to dense index, built once per catalog. */
export interface CatalogIndex {
  user: Map<number, number>;
  item: Map<number, number>;
}

const indexCache = new WeakMap<Catalog, CatalogIndex>();

/** Raw id -> dense index maps (memoised per catalog). */
export function getCatalogIndex(catalog: Catalog): CatalogIndex {
  let idx = indexCache.get(catalog);
  if (!idx) {
    idx = { user: new Map(), item: new Map() };
    catalog.userIds.forEach((id, u) => idx!.user.set(id, u));
    catalog.itemIds.forEach((id, i) => idx!.item.set(id, i));
    indexCache.set(catalog, idx);
  }
  return idx;
}

/**
 * Build a catalog from training ratings and side profiles. Users and items are the union of those rated and
 * those profiled, sorted by id, so an item nobody rated yet can still be recommended through its genres.
 */
export function createCatalog(
  train: Ratings,
  users: readonly UserProfile[],
  items: readonly ItemProfile[],
  vocab: { genres?: readonly string[]; occupations?: readonly string[] } = {},
): Catalog {
  const genres = [...(vocab.genres ?? MOVIELENS_GENRES)];
  const occupations = [...(vocab.occupations ?? MOVIELENS_OCCUPATIONS)];
  const userSet = new Set<number>(train.user);
  users.forEach((p) => userSet.add(p.id));
  const itemSet = new Set<number>(train.item);
  items.forEach((p) => itemSet.add(p.id));
  const userIds = Int32Array.from([...userSet].sort((a, b) => a - b));
  const itemIds = Int32Array.from([...itemSet].sort((a, b) => a - b));
  const uIndex = new Map<number, number>();
  userIds.forEach((id, u) => uIndex.set(id, u));
  const iIndex = new Map<number, number>();
  itemIds.forEach((id, i) => iIndex.set(id, i));

  const nU = userIds.length;
  const nI = itemIds.length;
  const userAge = new Int8Array(nU).fill(-1);
  const userGender = new Int8Array(nU).fill(-1);
  const userOccupation = new Int16Array(nU).fill(-1);
  const occIndex = new Map(occupations.map((o, j) => [o, j] as const));
  for (const p of users) {
    const u = uIndex.get(p.id) as number;
    userAge[u] = ageBucket(p.age);
    userGender[u] = p.gender === 'M' ? 0 : p.gender === 'F' ? 1 : -1;
    userOccupation[u] = p.occupation === null ? -1 : (occIndex.get(p.occupation) ?? -1);
  }

  const genreIndex = new Map(genres.map((g, j) => [g, j] as const));
  const itemGenreLists: number[][] = Array.from({ length: nI }, () => []);
  for (const p of items) {
    const i = iIndex.get(p.id) as number;
    itemGenreLists[i] = p.genres.map((g) => genreIndex.get(g)).filter((g): g is number => g !== undefined);
  }
  const itemGenreStart = new Int32Array(nI + 1);
  itemGenreLists.forEach((l, i) => (itemGenreStart[i + 1] = (itemGenreStart[i] as number) + l.length));
  const itemGenre = Int16Array.from(itemGenreLists.flat());

  // Who rated what: CSR sorted by item so membership tests can binary-search.
  const n = train.user.length;
  const seenStart = new Int32Array(nU + 1);
  const itemCount = new Int32Array(nI);
  for (let r = 0; r < n; r++) {
    seenStart[(uIndex.get(train.user[r] as number) as number) + 1]!++;
  }
  for (let u = 0; u < nU; u++) seenStart[u + 1] = (seenStart[u + 1] as number) + (seenStart[u] as number);
  const fill = seenStart.slice(0, nU);
  const seenItem = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const u = uIndex.get(train.user[r] as number) as number;
    const i = iIndex.get(train.item[r] as number) as number;
    seenItem[fill[u]!++] = i;
    itemCount[i]!++;
  }
  for (let u = 0; u < nU; u++) seenItem.subarray(seenStart[u], seenStart[u + 1]).sort();
  return {
    userIds,
    itemIds,
    userAge,
    userGender,
    userOccupation,
    itemGenreStart,
    itemGenre,
    seenStart,
    seenItem,
    itemCount,
    genres,
    occupations,
  };
}
