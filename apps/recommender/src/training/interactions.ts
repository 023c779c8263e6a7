// The implicit-feedback view of the training ratings: who rated what (and how), as CSR by user and by item,
// in the catalog's dense index space. Ranking models (iALS, item-kNN, EASE, BPR) all read this one shape.
import type { Ratings } from '../data/types.ts';
import { getCatalogIndex, type Catalog } from '../features/catalog.ts';

/** A sparse user x item matrix twice over: rows by user and rows by item (the transpose). */
export interface Interactions {
  nUsers: number;
  nItems: number;
  /** Items of user u: userItem[userStart[u] .. userStart[u+1]), sorted, with their ratings in userValue. */
  userStart: Int32Array;
  userItem: Int32Array;
  userValue: Float32Array;
  /** Users of item i: itemUser[itemStart[i] .. itemStart[i+1]), sorted, with their ratings in itemValue. */
  itemStart: Int32Array;
  itemUser: Int32Array;
  itemValue: Float32Array;
}

function transpose(
  nRows: number,
  nCols: number,
  start: Int32Array,
  col: Int32Array,
  value: Float32Array,
): { start: Int32Array; col: Int32Array; value: Float32Array } {
  const tStart = new Int32Array(nCols + 1);
  for (let p = 0; p < col.length; p++) tStart[(col[p] as number) + 1]!++;
  for (let c = 0; c < nCols; c++) tStart[c + 1]! += tStart[c] as number;
  const fill = tStart.slice(0, nCols);
  const tCol = new Int32Array(col.length);
  const tValue = new Float32Array(col.length);
  // Rows are visited in order, so each transposed row comes out sorted.
  for (let r = 0; r < nRows; r++) {
    for (let p = start[r] as number; p < (start[r + 1] as number); p++) {
      const c = col[p] as number;
      const q = fill[c]!++;
      tCol[q] = r;
      tValue[q] = value[p] as number;
    }
  }
  return { start: tStart, col: tCol, value: tValue };
}

/**
 * The interactions of `ratings` over a catalog's users and items (rows of unknown ids are skipped; a repeated
 * pair keeps its last rating).
 */
export function createInteractions(catalog: Catalog, ratings: Ratings): Interactions {
  const nUsers = catalog.userIds.length;
  const nItems = catalog.itemIds.length;
  const index = getCatalogIndex(catalog);
  const n = ratings.user.length;
  const rowUser = new Int32Array(n);
  const rowItem = new Int32Array(n);
  const userStart = new Int32Array(nUsers + 1);
  let m = 0;
  for (let r = 0; r < n; r++) {
    const u = index.user.get(ratings.user[r] as number);
    const i = index.item.get(ratings.item[r] as number);
    if (u === undefined || i === undefined) continue;
    rowUser[m] = u;
    rowItem[m] = r;
    userStart[u + 1]!++;
    m++;
  }
  for (let u = 0; u < nUsers; u++) userStart[u + 1]! += userStart[u] as number;
  const fill = userStart.slice(0, nUsers);
  const pairs = new Float64Array(m);
  const rowOf = new Int32Array(m);
  for (let t = 0; t < m; t++) {
    const q = fill[rowUser[t] as number]!++;
    rowOf[q] = rowItem[t] as number;
  }
  // Sort each user's rows by item (stable, so a repeated pair keeps its last rating at the end).
  const userItem = new Int32Array(m);
  const userValue = new Float32Array(m);
  let out = 0;
  const outStart = new Int32Array(nUsers + 1);
  for (let u = 0; u < nUsers; u++) {
    const a = userStart[u] as number;
    const b = userStart[u + 1] as number;
    for (let p = a; p < b; p++) {
      const r = rowOf[p] as number;
      pairs[p] = (index.item.get(ratings.item[r] as number) as number) * 4294967296 + (p - a);
    }
    const sorted = pairs.subarray(a, b).sort();
    for (let t = 0; t < sorted.length; t++) {
      const item = Math.floor((sorted[t] as number) / 4294967296);
      const r = rowOf[a + ((sorted[t] as number) % 4294967296)] as number;
      if (out > outStart[u]! && userItem[out - 1] === item) out--;
      userItem[out] = item;
      userValue[out] = ratings.rating[r] as number;
      out++;
    }
    outStart[u + 1] = out;
  }
  const items = userItem.slice(0, out);
  const values = userValue.slice(0, out);
  const t = transpose(nUsers, nItems, outStart, items, values);
  return {
    nUsers,
    nItems,
    userStart: outStart,
    userItem: items,
    userValue: values,
    itemStart: t.start,
    itemUser: t.col,
    itemValue: t.value,
  };
}
