// The relational view the Gibbs sampler walks (Rendle, "Scaling Factorization Machines to Relational Data",
// 2013): ratings grouped by user and by item, and each block's features transposed (feature -> rows holding
// it), so a parameter of a user feature is drawn from per-user sums instead of from every rating it touches.
import type { FeatureLayout } from '../features/feature-space.ts';
import type { TrainingSet } from './training-set.ts';

/** One side of the relation (users or items): its rows, their ratings, and its block features. */
export interface McmcSide {
  rows: number;
  /** Ratings of row a: ex[exStart[a] .. exStart[a+1]) (rating ids in user order), other[t] = the row on the other side. */
  exStart: Int32Array;
  ex: Int32Array;
  other: Int32Array;
  /** Number of ratings per row. */
  count: Float64Array;
  /** The block of each row (CSR over global feature ids). */
  rowStart: Int32Array;
  rowIdx: Int32Array;
  rowVal: Float64Array;
  /** Features of this side and, per feature, the rows holding it (CSC). */
  feat: Int32Array;
  colStart: Int32Array;
  colRow: Int32Array;
  colVal: Float64Array;
}

/**
 * Prior groups: each gets its own mean and precision per factor (libFM's `-meta` groups), so the sampler can
 * shrink e.g. the 1,682 implicit item factors differently from the 943 user factors.
 */
export const MCMC_GROUP_NAMES = ['user', 'item', 'genre', 'age', 'gender', 'occupation', 'implicit'] as const;
export const MCMC_GROUP_COUNT = MCMC_GROUP_NAMES.length;

export interface McmcIndex {
  /** Feature count (the model layout's size). */
  n: number;
  /** Ratings in user order (as in the training set). */
  m: number;
  rating: Float64Array;
  user: McmcSide;
  item: McmcSide;
  /** Prior group of every feature. */
  group: Uint8Array;
}

/** Prior group of feature j under a layout. */
export function getMcmcGroup(layout: FeatureLayout, j: number): number {
  if (j < layout.item) return 0;
  if (j < layout.genre) return 1;
  if (j < layout.age) return 2;
  if (j < layout.gender) return 3;
  if (j < layout.occupation) return 4;
  if (j < layout.implicit) return 5;
  return 6;
}

function isUserFeature(layout: FeatureLayout, j: number): boolean {
  return j < layout.item || j >= layout.age;
}

/** The CSC of a side's blocks over its features in the order of `feat` (so a caller may reorder the draws). */
export function transposeBlocks(
  rows: number,
  start: Int32Array,
  idx: Int32Array,
  val: Float64Array,
  feat: Int32Array,
  n: number,
): { colStart: Int32Array; colRow: Int32Array; colVal: Float64Array } {
  const pos = new Int32Array(n).fill(-1);
  feat.forEach((j, p) => (pos[j] = p));
  const colStart = new Int32Array(feat.length + 1);
  for (let t = 0; t < idx.length; t++) colStart[(pos[idx[t] as number] as number) + 1]!++;
  for (let p = 0; p < feat.length; p++) colStart[p + 1]! += colStart[p] as number;
  const fill = colStart.slice(0, feat.length);
  const colRow = new Int32Array(idx.length);
  const colVal = new Float64Array(idx.length);
  for (let a = 0; a < rows; a++) {
    for (let t = start[a] as number; t < (start[a + 1] as number); t++) {
      const q = fill[pos[idx[t] as number] as number]!++;
      colRow[q] = a;
      colVal[q] = val[t] as number;
    }
  }
  return { colStart, colRow, colVal };
}

/** Build the sampler's view of a training set (O(ratings + block entries)). */
export function createMcmcIndex(layout: FeatureLayout, set: TrainingSet): McmcIndex {
  const n = layout.size;
  const m = set.exItem.length;
  const nU = set.nUsers;
  const nI = set.nItems;
  const userFeat: number[] = [];
  const itemFeat: number[] = [];
  for (let j = 0; j < n; j++) (isUserFeature(layout, j) ? userFeat : itemFeat).push(j);
  const group = Uint8Array.from({ length: n }, (_, j) => getMcmcGroup(layout, j));

  const userEx = Int32Array.from({ length: m }, (_, r) => r);
  const uCount = new Float64Array(nU);
  for (let u = 0; u < nU; u++)
    uCount[u] = (set.userExStart[u + 1] as number) - (set.userExStart[u] as number);
  const exUser = new Int32Array(m);
  for (let u = 0; u < nU; u++) exUser.fill(u, set.userExStart[u], set.userExStart[u + 1]);

  const itemExStart = new Int32Array(nI + 1);
  for (let r = 0; r < m; r++) itemExStart[(set.exItem[r] as number) + 1]!++;
  for (let i = 0; i < nI; i++) itemExStart[i + 1]! += itemExStart[i] as number;
  const fill = itemExStart.slice(0, nI);
  const itemEx = new Int32Array(m);
  const itemOther = new Int32Array(m);
  for (let r = 0; r < m; r++) {
    const q = fill[set.exItem[r] as number]!++;
    itemEx[q] = r;
    itemOther[q] = exUser[r] as number;
  }
  const iCount = new Float64Array(nI);
  for (let i = 0; i < nI; i++) iCount[i] = (itemExStart[i + 1] as number) - (itemExStart[i] as number);

  const uFeat = Int32Array.from(userFeat);
  const iFeat = Int32Array.from(itemFeat);
  const user: McmcSide = {
    rows: nU,
    exStart: set.userExStart,
    ex: userEx,
    other: set.exItem,
    count: uCount,
    rowStart: set.ubStart,
    rowIdx: set.ubIdx,
    rowVal: set.ubVal,
    feat: uFeat,
    ...transposeBlocks(nU, set.ubStart, set.ubIdx, set.ubVal, uFeat, n),
  };
  const item: McmcSide = {
    rows: nI,
    exStart: itemExStart,
    ex: itemEx,
    other: itemOther,
    count: iCount,
    rowStart: set.ibStart,
    rowIdx: set.ibIdx,
    rowVal: set.ibVal,
    feat: iFeat,
    ...transposeBlocks(nI, set.ibStart, set.ibIdx, set.ibVal, iFeat, n),
  };
  return { n, m, rating: set.exRating, user, item, group };
}
