// Biased matrix factorisation trained chunk by chunk: the state after chunk i is the model after chunk i-1 plus
// one pass (or a few) of the shared optimiser's updates over chunk i. Users and items join as they first appear;
// their parameters sit in the FM 'mf' layout [w0, w_users, w_items, v_users, v_items], so publishing is a copy.
import { createOptimizer, createRng, type OptimizerKind } from '@suite/shared/ml';

/** Hyper-parameters of a run's training stage. */
export interface StreamMfOptions {
  k: number;
  optimizer: OptimizerKind;
  learningRate: number;
  reg: number;
  epochsPerChunk: number;
  seed: number;
}

/** The model between chunks (what the state blob holds). */
export interface StreamMfState {
  k: number;
  userIds: Int32Array;
  itemIds: Int32Array;
  /** Ratings trained on per item (popularity for cold-start ranking). */
  itemCount: Int32Array;
  /** FM 'mf' layout: [w0, w_u (nU), w_i (nI), v_u (nU * k), v_i (nI * k)]. */
  params: Float64Array;
  /** Optimiser state, one slot per parameter (empty for SGD). */
  optState: Float64Array;
  /** Sum and count of the trained ratings (w0 is their mean). */
  ratingSum: number;
  ratingCount: number;
}

export function createStreamMfState(k: number): StreamMfState {
  return {
    k,
    userIds: new Int32Array(0),
    itemIds: new Int32Array(0),
    itemCount: new Int32Array(0),
    params: new Float64Array(1),
    optState: new Float64Array(0),
    ratingSum: 0,
    ratingCount: 0,
  };
}

/** A new factor entry: a normal draw seeded by the run seed and the raw id, so it does not depend on chunk order. */
function initFactors(out: Float64Array, at: number, k: number, seed: number, id: number, salt: number): void {
  const rng = createRng((seed * 1_000_003 + id * 2 + salt) % 2 ** 31);
  for (let f = 0; f < k; f++) out[at + f] = 0.05 * rng.normal();
}

/** Grows the state to hold the chunk's new users and items (copying into the larger layout). */
function grow(
  state: StreamMfState,
  users: Int32Array,
  items: Int32Array,
  seed: number,
  withOptState: boolean,
): StreamMfState {
  const { k } = state;
  const userIndex = new Map<number, number>();
  state.userIds.forEach((id, u) => userIndex.set(id, u));
  const itemIndex = new Map<number, number>();
  state.itemIds.forEach((id, i) => itemIndex.set(id, i));
  const newUsers: number[] = [];
  const newItems: number[] = [];
  for (const id of users) {
    if (userIndex.has(id)) continue;
    userIndex.set(id, -1);
    newUsers.push(id);
  }
  for (const id of items) {
    if (itemIndex.has(id)) continue;
    itemIndex.set(id, -1);
    newItems.push(id);
  }
  if (newUsers.length === 0 && newItems.length === 0) return state;
  const nU0 = state.userIds.length;
  const nI0 = state.itemIds.length;
  const nU = nU0 + newUsers.length;
  const nI = nI0 + newItems.length;
  const size = 1 + (nU + nI) * (1 + k);
  const params = new Float64Array(size);
  const optState = new Float64Array(withOptState ? size : 0);
  const copy = (from: Float64Array, to: Float64Array) => {
    if (from.length === 0 || to.length === 0) return;
    to[0] = from[0] as number;
    to.set(from.subarray(1, 1 + nU0), 1);
    to.set(from.subarray(1 + nU0, 1 + nU0 + nI0), 1 + nU);
    const v0 = 1 + nU0 + nI0;
    const v = 1 + nU + nI;
    to.set(from.subarray(v0, v0 + nU0 * k), v);
    to.set(from.subarray(v0 + nU0 * k, v0 + (nU0 + nI0) * k), v + nU * k);
  };
  copy(state.params, params);
  copy(state.optState, optState);
  const v = 1 + nU + nI;
  newUsers.forEach((id, j) => initFactors(params, v + (nU0 + j) * k, k, seed, id, 0));
  newItems.forEach((id, j) => initFactors(params, v + nU * k + (nI0 + j) * k, k, seed, id, 1));
  const userIds = new Int32Array(nU);
  userIds.set(state.userIds);
  userIds.set(newUsers, nU0);
  const itemIds = new Int32Array(nI);
  itemIds.set(state.itemIds);
  itemIds.set(newItems, nI0);
  const itemCount = new Int32Array(nI);
  itemCount.set(state.itemCount);
  return { ...state, userIds, itemIds, itemCount, params, optState };
}

/**
 * Trains on the rows of one chunk whose `holdout` flag is 0 and returns the new state (the input is not changed
 * when it had to grow; otherwise it is updated in place). Deterministic: same state, rows and options, same result.
 */
export function trainChunk(
  input: StreamMfState,
  rows: { user: Int32Array; item: Int32Array; rating: Float32Array; holdout: Uint8Array },
  o: StreamMfOptions,
): { state: StreamMfState; trained: number; sse: number } {
  const state = grow(input, rows.user, rows.item, o.seed, o.optimizer !== 'sgd');
  const { k, params: p } = state;
  const nU = state.userIds.length;
  const nI = state.itemIds.length;
  const userIndex = new Map<number, number>();
  state.userIds.forEach((id, u) => userIndex.set(id, u));
  const itemIndex = new Map<number, number>();
  state.itemIds.forEach((id, i) => itemIndex.set(id, i));
  const opt = createOptimizer(
    { kind: o.optimizer, learningRate: o.learningRate },
    o.optimizer === 'sgd' ? 0 : p.length,
  );
  if (opt.state.length > 0 && state.optState.length === p.length) opt.state.set(state.optState);
  const n = rows.user.length;
  const uIdx = new Int32Array(n);
  const iIdx = new Int32Array(n);
  let trained = 0;
  for (let r = 0; r < n; r++) {
    uIdx[r] = userIndex.get(rows.user[r] as number) as number;
    iIdx[r] = itemIndex.get(rows.item[r] as number) as number;
    if (rows.holdout[r] === 0) {
      state.ratingSum += rows.rating[r] as number;
      state.ratingCount += 1;
      state.itemCount[iIdx[r] as number] = (state.itemCount[iIdx[r] as number] as number) + 1;
      trained += 1;
    }
  }
  // w0 is the running mean of everything trained on, not a learned weight: stable from the first chunk.
  if (state.ratingCount > 0) p[0] = state.ratingSum / state.ratingCount;
  const vU = 1 + nU + nI;
  const vI = vU + nU * k;
  const order = new Int32Array(n);
  const rng = createRng(o.seed + 7);
  let sse = 0;
  for (let epoch = 0; epoch < o.epochsPerChunk; epoch++) {
    for (let r = 0; r < n; r++) order[r] = r;
    for (let r = n - 1; r > 0; r--) {
      const j = Math.floor(rng.next() * (r + 1));
      const t = order[r] as number;
      order[r] = order[j] as number;
      order[j] = t;
    }
    sse = 0;
    for (let t = 0; t < n; t++) {
      const r = order[t] as number;
      if (rows.holdout[r] !== 0) continue;
      const u = uIdx[r] as number;
      const i = iIdx[r] as number;
      const bu = 1 + u;
      const bi = 1 + nU + i;
      const pu = vU + u * k;
      const qi = vI + i * k;
      let y = (p[0] as number) + (p[bu] as number) + (p[bi] as number);
      for (let f = 0; f < k; f++) y += (p[pu + f] as number) * (p[qi + f] as number);
      const e = y - (rows.rating[r] as number);
      sse += e * e;
      opt.update(p, bu, e + o.reg * (p[bu] as number));
      opt.update(p, bi, e + o.reg * (p[bi] as number));
      for (let f = 0; f < k; f++) {
        const a = p[pu + f] as number;
        const b = p[qi + f] as number;
        opt.update(p, pu + f, e * b + o.reg * a);
        opt.update(p, qi + f, e * a + o.reg * b);
      }
    }
  }
  if (opt.state.length > 0) state.optState = Float64Array.from(opt.state);
  return { state, trained, sse };
}

/** Squared error and count of the chunk's held-out rows the model knows (an unknown user or item is skipped). */
export function evaluateChunk(
  state: StreamMfState,
  rows: { user: Int32Array; item: Int32Array; rating: Float32Array; holdout: Uint8Array },
  minRating = 1,
  maxRating = 5,
): { sse: number; n: number; unknown: number } {
  const { k, params: p } = state;
  const nU = state.userIds.length;
  const nI = state.itemIds.length;
  const userIndex = new Map<number, number>();
  state.userIds.forEach((id, u) => userIndex.set(id, u));
  const itemIndex = new Map<number, number>();
  state.itemIds.forEach((id, i) => itemIndex.set(id, i));
  const vU = 1 + nU + nI;
  const vI = vU + nU * k;
  let sse = 0;
  let n = 0;
  let unknown = 0;
  for (let r = 0; r < rows.user.length; r++) {
    if (rows.holdout[r] === 0) continue;
    const u = userIndex.get(rows.user[r] as number);
    const i = itemIndex.get(rows.item[r] as number);
    if (u === undefined || i === undefined) {
      unknown += 1;
      continue;
    }
    let y = (p[0] as number) + (p[1 + u] as number) + (p[1 + nU + i] as number);
    for (let f = 0; f < k; f++) y += (p[vU + u * k + f] as number) * (p[vI + i * k + f] as number);
    y = Math.min(maxRating, Math.max(minRating, y));
    const e = y - (rows.rating[r] as number);
    sse += e * e;
    n += 1;
  }
  return { sse, n, unknown };
}
