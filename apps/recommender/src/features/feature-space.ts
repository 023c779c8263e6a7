// The article's feature function: user and item one-hot, genres, age bucket, gender, occupation, and the
// normalised set of items the user rated (SVD++-style implicit feedback), as sparse FM vectors in two blocks.
import { AGE_LABELS, type Catalog } from './catalog.ts';

/** Which feature groups a model uses. baseline/mf: one-hot only; fm: everything. */
export interface FeatureFlags {
  side: boolean;
  implicit: boolean;
}

/** Feature group ids, used for per-group regularisation. */
export const GROUP_USER = 0;
export const GROUP_ITEM = 1;
export const GROUP_SIDE = 2;
export const GROUP_IMPLICIT = 3;
export const GROUP_COUNT = 4;

/** Offsets of each group in the feature vector; `size` is the vector length. */
export interface FeatureLayout {
  flags: FeatureFlags;
  user: number;
  item: number;
  genre: number;
  age: number;
  gender: number;
  occupation: number;
  implicit: number;
  size: number;
  /** Group id of every feature. */
  group: Uint8Array;
}

/** A sparse vector: feature indexes and values. The first `explicit` entries are per-example features. */
export interface SparseBlock {
  idx: Int32Array;
  val: Float64Array;
  explicit: number;
}

/** Lay out the feature vector for a catalog. */
export function createFeatureLayout(catalog: Catalog, flags: FeatureFlags): FeatureLayout {
  const nU = catalog.userIds.length;
  const nI = catalog.itemIds.length;
  const user = 0;
  const item = user + nU;
  const genre = item + nI;
  const age = genre + (flags.side ? catalog.genres.length : 0);
  const gender = age + (flags.side ? AGE_LABELS.length : 0);
  const occupation = gender + (flags.side ? 2 : 0);
  const implicit = occupation + (flags.side ? catalog.occupations.length : 0);
  const size = implicit + (flags.implicit ? nI : 0);
  const group = new Uint8Array(size);
  group.fill(GROUP_ITEM, item, genre);
  group.fill(GROUP_SIDE, genre, implicit);
  group.fill(GROUP_IMPLICIT, implicit, size);
  return { flags, user, item, genre, age, gender, occupation, implicit, size, group };
}

/** Side facts about a user that may not be in the catalog yet (a new user, or events since training). */
export interface UserFacts {
  /** Dense user index, or -1 for a user the model has never seen. */
  user: number;
  ageBucket: number;
  gender: number;
  occupation: number;
  /** Item indexes the user has rated (duplicates ignored). */
  rated: ArrayLike<number>;
}

/** Facts for a catalog user from training data. */
export function getCatalogUserFacts(catalog: Catalog, u: number): UserFacts {
  return {
    user: u,
    ageBucket: catalog.userAge[u] ?? -1,
    gender: catalog.userGender[u] ?? -1,
    occupation: catalog.userOccupation[u] ?? -1,
    rated: catalog.seenItem.subarray(catalog.seenStart[u], catalog.seenStart[u + 1]),
  };
}

/** The user half of an FM vector: one-hot, side features, then the implicit rated-items set (1/sqrt|N(u)|). */
export function buildUserBlock(layout: FeatureLayout, facts: UserFacts): SparseBlock {
  const idx: number[] = [];
  const val: number[] = [];
  const add = (j: number, v: number) => {
    idx.push(j);
    val.push(v);
  };
  if (facts.user >= 0) add(layout.user + facts.user, 1);
  if (layout.flags.side) {
    if (facts.ageBucket >= 0) add(layout.age + facts.ageBucket, 1);
    if (facts.gender >= 0) add(layout.gender + facts.gender, 1);
    if (facts.occupation >= 0) add(layout.occupation + facts.occupation, 1);
  }
  const explicit = idx.length;
  if (layout.flags.implicit) {
    const nI = layout.genre - layout.item;
    const items = [...new Set(Array.from(facts.rated))].filter((i) => i >= 0 && i < nI);
    const x = items.length > 0 ? 1 / Math.sqrt(items.length) : 0;
    for (const i of items) add(layout.implicit + i, x);
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val), explicit };
}

/** The item half: one-hot plus its genres, normalised to sum to one. */
export function buildItemBlock(layout: FeatureLayout, catalog: Catalog, i: number): SparseBlock {
  const idx: number[] = [layout.item + i];
  const val: number[] = [1];
  const add = (j: number, v: number) => {
    idx.push(j);
    val.push(v);
  };
  if (layout.flags.side) {
    const a = catalog.itemGenreStart[i] as number;
    const b = catalog.itemGenreStart[i + 1] as number;
    for (let j = a; j < b; j++) add(layout.genre + (catalog.itemGenre[j] as number), 1 / (b - a));
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val), explicit: idx.length };
}

/** Human-readable name of feature j, e.g. `genre:Comedy` or `rated:50` (raw ids). */
export function describeFeature(layout: FeatureLayout, catalog: Catalog, j: number): string {
  if (j < layout.item) return `user:${catalog.userIds[j - layout.user]}`;
  if (j < layout.genre) return `item:${catalog.itemIds[j - layout.item]}`;
  if (j < layout.age) return `genre:${catalog.genres[j - layout.genre]}`;
  if (j < layout.gender) return `age:${AGE_LABELS[j - layout.age]}`;
  if (j < layout.occupation) return `gender:${j - layout.gender === 0 ? 'M' : 'F'}`;
  if (j < layout.implicit) return `occupation:${catalog.occupations[j - layout.occupation]}`;
  return `rated:${catalog.itemIds[j - layout.implicit]}`;
}
