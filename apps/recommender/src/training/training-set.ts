// Training examples in the relational block form: ratings grouped by user, each user's and each item's
// FM block stored once (CSR), so the kernel never materialises a full feature vector per rating.
import type { Ratings } from '../data/types.ts';
import { getCatalogIndex, type Catalog } from '../features/catalog.ts';
import {
  buildItemBlock,
  buildUserBlock,
  getCatalogUserFacts,
  type FeatureLayout,
  type SparseBlock,
} from '../features/feature-space.ts';

/** Flat, transferable training data (every field a typed array or number, so workers can share it). */
export interface TrainingSet {
  nUsers: number;
  nItems: number;
  /** Examples sorted by user: user u owns [userExStart[u], userExStart[u+1]). */
  userExStart: Int32Array;
  exItem: Int32Array;
  exRating: Float64Array;
  /** User blocks (CSR); the first ubExplicit[u] entries of u are per-example features, the rest implicit. */
  ubStart: Int32Array;
  ubIdx: Int32Array;
  ubVal: Float64Array;
  ubExplicit: Int32Array;
  /** Item blocks (CSR). */
  ibStart: Int32Array;
  ibIdx: Int32Array;
  ibVal: Float64Array;
  mean: number;
}

function packBlocks(blocks: SparseBlock[]): {
  start: Int32Array;
  idx: Int32Array;
  val: Float64Array;
  explicit: Int32Array;
} {
  const start = new Int32Array(blocks.length + 1);
  blocks.forEach((b, u) => (start[u + 1] = (start[u] as number) + b.idx.length));
  const total = start[blocks.length] as number;
  const idx = new Int32Array(total);
  const val = new Float64Array(total);
  const explicit = new Int32Array(blocks.length);
  blocks.forEach((b, u) => {
    idx.set(b.idx, start[u]);
    val.set(b.val, start[u]);
    explicit[u] = b.explicit;
  });
  return { start, idx, val, explicit };
}

/** The user block of every catalog user (implicit set = the user's training items). */
export function getUserBlocks(layout: FeatureLayout, catalog: Catalog): SparseBlock[] {
  return Array.from(catalog.userIds, (_, u) => buildUserBlock(layout, getCatalogUserFacts(catalog, u)));
}

/** Assemble the training set for `ratings` (raw ids, all present in the catalog). */
export function createTrainingSet(layout: FeatureLayout, catalog: Catalog, ratings: Ratings): TrainingSet {
  const index = getCatalogIndex(catalog);
  const nUsers = catalog.userIds.length;
  const nItems = catalog.itemIds.length;
  const m = ratings.user.length;
  const userExStart = new Int32Array(nUsers + 1);
  const uOf = new Int32Array(m);
  let sum = 0;
  for (let r = 0; r < m; r++) {
    const u = index.user.get(ratings.user[r] as number);
    if (u === undefined) throw new RangeError(`user ${ratings.user[r]} is not in the catalog`);
    uOf[r] = u;
    userExStart[u + 1]!++;
    sum += ratings.rating[r] as number;
  }
  for (let u = 0; u < nUsers; u++)
    userExStart[u + 1] = (userExStart[u + 1] as number) + (userExStart[u] as number);
  const fill = userExStart.slice(0, nUsers);
  const exItem = new Int32Array(m);
  const exRating = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    const pos = fill[uOf[r] as number]!++;
    const i = index.item.get(ratings.item[r] as number);
    if (i === undefined) throw new RangeError(`item ${ratings.item[r]} is not in the catalog`);
    exItem[pos] = i;
    exRating[pos] = ratings.rating[r] as number;
  }
  const ub = packBlocks(getUserBlocks(layout, catalog));
  const ib = packBlocks(Array.from(catalog.itemIds, (_, i) => buildItemBlock(layout, catalog, i)));
  return {
    nUsers,
    nItems,
    userExStart,
    exItem,
    exRating,
    ubStart: ub.start,
    ubIdx: ub.idx,
    ubVal: ub.val,
    ubExplicit: ub.explicit,
    ibStart: ib.start,
    ibIdx: ib.idx,
    ibVal: ib.val,
    mean: m > 0 ? sum / m : 3.5,
  };
}
