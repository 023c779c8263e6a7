// What a model-parallel worker holds: one user block and one item block of a biased MF (an FM over one-hot
// user and item vectors), packed as a small FM of its own so the shared epoch kernel trains it unchanged.
// Local layout: [w0, w(users of the block), w(items of the block), v(users), v(items)].
import { GROUP_ITEM, GROUP_USER } from '../features/feature-space.ts';
import type { TrainingSet } from '../training/training-set.ts';

/** One factor-table block: biases and factor rows of its rows, with the optimiser state of each. */
export interface FactorBlock {
  w: Float64Array;
  v: Float64Array;
  /** Optimiser state of w and v (empty for plain SGD). */
  sw: Float64Array;
  sv: Float64Array;
}

/** The ratings of one user block x item block, with block-local row numbers. */
export interface BlockRatings {
  user: Int32Array;
  item: Int32Array;
  rating: Float64Array;
}

/** Bytes a block occupies in memory. */
export function blockBytes(b: FactorBlock | BlockRatings): number {
  return Object.values(b).reduce((sum: number, a: { byteLength: number }) => sum + a.byteLength, 0);
}

/** The local FM (parameters, state, layout) for a user block and an item block. */
export function packBlocks(
  users: FactorBlock,
  items: FactorBlock,
  k: number,
  w0: number,
  w0State: number,
): { params: Float64Array; state: Float64Array; size: number; group: Uint8Array } {
  const nU = users.w.length;
  const nI = items.w.length;
  const size = nU + nI;
  const params = new Float64Array(1 + size * (1 + k));
  params[0] = w0;
  params.set(users.w, 1);
  params.set(items.w, 1 + nU);
  params.set(users.v, 1 + size);
  params.set(items.v, 1 + size + nU * k);
  const withState = users.sw.length > 0;
  const state = new Float64Array(withState ? params.length : 0);
  if (withState) {
    state[0] = w0State;
    state.set(users.sw, 1);
    state.set(items.sw, 1 + nU);
    state.set(users.sv, 1 + size);
    state.set(items.sv, 1 + size + nU * k);
  }
  const group = new Uint8Array(size);
  group.fill(GROUP_USER, 0, nU);
  group.fill(GROUP_ITEM, nU, size);
  return { params, state, size, group };
}

/** Split a trained local FM back into its user block and item block (new arrays). */
export function unpackBlocks(
  params: Float64Array,
  state: Float64Array,
  nU: number,
  nI: number,
  k: number,
): { users: FactorBlock; items: FactorBlock } {
  const size = nU + nI;
  const cut = (a: Float64Array, wFrom: number, wLen: number, vFrom: number): [Float64Array, Float64Array] =>
    a.length === 0
      ? [new Float64Array(0), new Float64Array(0)]
      : [a.slice(1 + wFrom, 1 + wFrom + wLen), a.slice(1 + size + vFrom * k, 1 + size + (vFrom + wLen) * k)];
  const [uw, uv] = cut(params, 0, nU, 0);
  const [iw, iv] = cut(params, nU, nI, nU);
  const [usw, usv] = cut(state, 0, nU, 0);
  const [isw, isv] = cut(state, nU, nI, nU);
  return { users: { w: uw, v: uv, sw: usw, sv: usv }, items: { w: iw, v: iv, sw: isw, sv: isv } };
}

/** The block's ratings as a training set over the local layout (users one-hot, then items one-hot). */
export function createBlockTrainingSet(r: BlockRatings, nU: number, nI: number): TrainingSet {
  const m = r.user.length;
  const userExStart = new Int32Array(nU + 1);
  for (let t = 0; t < m; t++) userExStart[(r.user[t] as number) + 1]!++;
  for (let u = 0; u < nU; u++)
    userExStart[u + 1] = (userExStart[u + 1] as number) + (userExStart[u] as number);
  const fill = userExStart.slice(0, nU);
  const exItem = new Int32Array(m);
  const exRating = new Float64Array(m);
  let sum = 0;
  for (let t = 0; t < m; t++) {
    const pos = fill[r.user[t] as number]!++;
    exItem[pos] = r.item[t] as number;
    exRating[pos] = r.rating[t] as number;
    sum += r.rating[t] as number;
  }
  const oneHot = (n: number, offset: number) => ({
    start: Int32Array.from({ length: n + 1 }, (_, i) => i),
    idx: Int32Array.from({ length: n }, (_, i) => offset + i),
    val: new Float64Array(n).fill(1),
  });
  const ub = oneHot(nU, 0);
  const ib = oneHot(nI, nU);
  return {
    nUsers: nU,
    nItems: nI,
    userExStart,
    exItem,
    exRating,
    ubStart: ub.start,
    ubIdx: ub.idx,
    ubVal: ub.val,
    ubExplicit: new Int32Array(nU).fill(1),
    ibStart: ib.start,
    ibIdx: ib.idx,
    ibVal: ib.val,
    mean: m > 0 ? sum / m : 3.5,
  };
}
