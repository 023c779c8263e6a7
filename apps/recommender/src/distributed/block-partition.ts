// Model-parallel layout of a biased MF: users and items dealt into B blocks each (balanced by ratings), the
// ratings cut into the B x B grid, and the global parameter vector split into, or assembled from, blocks.
import type { TrainingSet } from '../training/training-set.ts';
import type { BlockRatings, FactorBlock } from './block-model.ts';
import { partitionRows } from './dsgd-schedule.ts';

export interface BlockPartition {
  blocks: number;
  k: number;
  /** Global user (item) index of each block's local rows, ascending. */
  userRows: Int32Array[];
  itemRows: Int32Array[];
}

function localIndex(rows: Int32Array[], count: number): { block: Int32Array; local: Int32Array } {
  const block = new Int32Array(count);
  const local = new Int32Array(count);
  rows.forEach((list, b) =>
    list.forEach((r, i) => {
      block[r] = b;
      local[r] = i;
    }),
  );
  return { block, local };
}

/** Partition a one-hot (MF) training set into `blocks` x `blocks`; returns the partition and the grid of ratings. */
export function createBlockPartition(
  set: TrainingSet,
  blocks: number,
  k: number,
): { partition: BlockPartition; grid: BlockRatings[][] } {
  const userWeight = Float64Array.from(
    { length: set.nUsers },
    (_, u) => set.userExStart[u + 1]! - set.userExStart[u]!,
  );
  const itemWeight = new Float64Array(set.nItems);
  for (const i of set.exItem) itemWeight[i]!++;
  const users = partitionRows(userWeight, blocks).rows;
  const items = partitionRows(itemWeight, blocks).rows;
  const U = localIndex(users, set.nUsers);
  const I = localIndex(items, set.nItems);
  const lists = Array.from({ length: blocks * blocks }, () => ({
    user: [] as number[],
    item: [] as number[],
    rating: [] as number[],
  }));
  for (let u = 0; u < set.nUsers; u++) {
    for (let t = set.userExStart[u] as number; t < (set.userExStart[u + 1] as number); t++) {
      const i = set.exItem[t] as number;
      const cell = lists[(U.block[u] as number) * blocks + (I.block[i] as number)]!;
      cell.user.push(U.local[u] as number);
      cell.item.push(I.local[i] as number);
      cell.rating.push(set.exRating[t] as number);
    }
  }
  const grid = Array.from({ length: blocks }, (_, b) =>
    Array.from({ length: blocks }, (_, c) => {
      const cell = lists[b * blocks + c]!;
      return {
        user: Int32Array.from(cell.user),
        item: Int32Array.from(cell.item),
        rating: Float64Array.from(cell.rating),
      };
    }),
  );
  return { partition: { blocks, k, userRows: users, itemRows: items }, grid };
}

/** The user block (`side` 'user', offset 0) or item block (offset nUsers) rows out of a global MF vector. */
export function sliceBlock(
  params: Float64Array,
  state: Float64Array,
  rows: Int32Array,
  offset: number,
  size: number,
  k: number,
): FactorBlock {
  const n = rows.length;
  const block: FactorBlock = {
    w: new Float64Array(n),
    v: new Float64Array(n * k),
    sw: new Float64Array(state.length > 0 ? n : 0),
    sv: new Float64Array(state.length > 0 ? n * k : 0),
  };
  rows.forEach((r, i) => {
    const j = offset + r;
    block.w[i] = params[1 + j] as number;
    block.v.set(params.subarray(1 + size + j * k, 1 + size + (j + 1) * k), i * k);
    if (state.length > 0) {
      block.sw[i] = state[1 + j] as number;
      block.sv.set(state.subarray(1 + size + j * k, 1 + size + (j + 1) * k), i * k);
    }
  });
  return block;
}

/** Write a block's rows back into a global MF vector (the inverse of sliceBlock). */
export function placeBlock(
  out: Float64Array,
  block: FactorBlock,
  rows: Int32Array,
  offset: number,
  size: number,
  k: number,
): void {
  rows.forEach((r, i) => {
    const j = offset + r;
    out[1 + j] = block.w[i] as number;
    out.set(block.v.subarray(i * k, (i + 1) * k), 1 + size + j * k);
  });
}
