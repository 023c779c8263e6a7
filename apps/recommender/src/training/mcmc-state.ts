// The state of a Gibbs chain for a Bayesian FM: parameters, hyperparameters, the residual of every training
// rating and the factor sums of every user and item block, which the draws keep up to date incrementally.
import type { Rng } from '@suite/shared/ml';
import { MCMC_GROUP_COUNT, type McmcIndex, type McmcSide } from './mcmc-index.ts';

/** The chain's current sample. Factors are stored factor-major (v[f*n + j]) so a factor's pass is contiguous. */
export interface McmcState {
  k: number;
  w0: number;
  w: Float64Array;
  v: Float64Array;
  alpha: number;
  wMu: Float64Array;
  wLambda: Float64Array;
  /** Per group and factor: [g*k + f]. */
  vMu: Float64Array;
  vLambda: Float64Array;
  /** Residual y - y_hat of every training rating (user order). */
  e: Float64Array;
  /** Factor sums of each user and item block, factor-major: su[f*nU + u]. */
  su: Float64Array;
  si: Float64Array;
}

/** A fresh chain: w = 0, v ~ N(0, initStd^2), w0 = the mean rating, unit precisions. */
export function createMcmcState(
  index: McmcIndex,
  k: number,
  rng: Rng,
  initStd: number,
  mean: number,
): McmcState {
  const v = new Float64Array(k * index.n);
  for (let p = 0; p < v.length; p++) v[p] = initStd * rng.normal();
  const state: McmcState = {
    k,
    w0: mean,
    w: new Float64Array(index.n),
    v,
    alpha: 1,
    wMu: new Float64Array(MCMC_GROUP_COUNT),
    wLambda: new Float64Array(MCMC_GROUP_COUNT).fill(1),
    vMu: new Float64Array(MCMC_GROUP_COUNT * k),
    vLambda: new Float64Array(MCMC_GROUP_COUNT * k).fill(1),
    e: new Float64Array(index.m),
    su: new Float64Array(k * index.user.rows),
    si: new Float64Array(k * index.item.rows),
  };
  refreshResiduals(index, state);
  return state;
}

/** Per row: w.x + 1/2 sum_f (s_f^2 - sum v^2 x^2), and the factor sums s into `s` (factor-major). */
function blockTerms(side: McmcSide, state: McmcState, n: number, s: Float64Array): Float64Array {
  const { k, w, v } = state;
  const base = new Float64Array(side.rows);
  for (let a = 0; a < side.rows; a++) {
    const lo = side.rowStart[a] as number;
    const hi = side.rowStart[a + 1] as number;
    let b = 0;
    for (let t = lo; t < hi; t++) b += (w[side.rowIdx[t] as number] as number) * (side.rowVal[t] as number);
    for (let f = 0; f < k; f++) {
      let sum = 0;
      let sq = 0;
      for (let t = lo; t < hi; t++) {
        const vx = (v[f * n + (side.rowIdx[t] as number)] as number) * (side.rowVal[t] as number);
        sum += vx;
        sq += vx * vx;
      }
      s[f * side.rows + a] = sum;
      b += 0.5 * (sum * sum - sq);
    }
    base[a] = b;
  }
  return base;
}

/** Recompute the factor sums and residuals from the parameters (clears the drift of incremental updates). */
export function refreshResiduals(index: McmcIndex, state: McmcState): void {
  const { user, item } = index;
  const bu = blockTerms(user, state, index.n, state.su);
  const bi = blockTerms(item, state, index.n, state.si);
  const e = state.e;
  for (let u = 0; u < user.rows; u++) {
    for (let t = user.exStart[u] as number; t < (user.exStart[u + 1] as number); t++) {
      e[t] =
        (index.rating[t] as number) - state.w0 - (bu[u] as number) - (bi[user.other[t] as number] as number);
    }
  }
  for (let f = 0; f < state.k; f++) {
    const su = state.su.subarray(f * user.rows, (f + 1) * user.rows);
    const si = state.si.subarray(f * item.rows, (f + 1) * item.rows);
    for (let u = 0; u < user.rows; u++) {
      const s = su[u] as number;
      for (let t = user.exStart[u] as number; t < (user.exStart[u + 1] as number); t++) {
        e[t]! -= s * (si[user.other[t] as number] as number);
      }
    }
  }
}

/** The sample as model parameters: [w0, w_0..w_{n-1}, v_{0,0..k-1}, ...] (feature-major, as FmModel keeps them). */
export function getSampleParams(index: McmcIndex, state: McmcState, out?: Float64Array): Float64Array {
  const { n } = index;
  const { k } = state;
  const params = out ?? new Float64Array(1 + n * (1 + k));
  params[0] = state.w0;
  params.set(state.w, 1);
  for (let f = 0; f < k; f++) {
    for (let j = 0; j < n; j++) params[1 + n + j * k + f] = state.v[f * n + j] as number;
  }
  return params;
}
