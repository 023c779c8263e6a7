// One Gibbs sweep of a Bayesian FM over the relational blocks (users, items): every parameter is drawn from
// its Gaussian conditional N(mean, 1/prec), prec = alpha * sum h^2 + lambda, with h = dy/dtheta (libFM's
// sampler). Per factor f each side's per-row sums are built once (T1 = sum s_other, T2 = sum s_other^2,
// G = sum e s_other, E = sum e over the row's ratings), so drawing a feature's v_f costs O(rows holding it),
// not O(ratings holding it); the residuals are brought up to date once per side and factor.
import type { Rng } from '@suite/shared/ml';
import { MCMC_GROUP_COUNT, type McmcIndex, type McmcSide } from './mcmc-index.ts';
import { drawGroupPrior, drawNoisePrecision } from './mcmc-priors.ts';

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

/** How a sweep draws. */
export interface SweepMode {
  /** 1 = Gibbs sampling; 0 = every parameter set to its conditional mean, hyperparameters fixed (ALS). */
  noise: number;
  /** Sees each draw's sufficient statistics (sum h^2, sum e h) before it is applied; f = -1 for a linear weight. */
  onDraw?: (draw: { side: McmcSide; j: number; f: number; sh2: number; seh: number }) => void;
}

/** Per-row work arrays, reused across sweeps. */
export interface McmcScratch {
  t1: Float64Array;
  t2: Float64Array;
  g: Float64Array;
  es: Float64Array;
  old: Float64Array;
  dsq: Float64Array;
}

export function createMcmcScratch(index: McmcIndex): McmcScratch {
  const rows = Math.max(index.user.rows, index.item.rows);
  const make = () => new Float64Array(rows);
  return { t1: make(), t2: make(), g: make(), es: make(), old: make(), dsq: make() };
}

function drawPriors(index: McmcIndex, state: McmcState, rng: Rng): void {
  const { n, group } = index;
  const { k } = state;
  const cnt = new Float64Array(MCMC_GROUP_COUNT);
  const sum = new Float64Array(MCMC_GROUP_COUNT);
  const sq = new Float64Array(MCMC_GROUP_COUNT);
  const draw = (
    values: Float64Array,
    off: number,
    mu: Float64Array,
    lambda: Float64Array,
    at: (g: number) => number,
  ) => {
    cnt.fill(0);
    sum.fill(0);
    sq.fill(0);
    for (let j = 0; j < n; j++) {
      const g = group[j] as number;
      const x = values[off + j] as number;
      cnt[g]!++;
      sum[g]! += x;
      sq[g]! += x * x;
    }
    for (let g = 0; g < MCMC_GROUP_COUNT; g++) {
      if (cnt[g] === 0) continue;
      const p = at(g);
      const [m, l] = drawGroupPrior(
        rng,
        cnt[g] as number,
        sum[g] as number,
        sq[g] as number,
        mu[p] as number,
      );
      mu[p] = m;
      lambda[p] = l;
    }
  };
  draw(state.w, 0, state.wMu, state.wLambda, (g) => g);
  for (let f = 0; f < k; f++) draw(state.v, f * n, state.vMu, state.vLambda, (g) => g * k + f);
}

/** Draw the linear weights of one side's features. */
function drawLinear(
  index: McmcIndex,
  side: McmcSide,
  state: McmcState,
  rng: Rng,
  sc: McmcScratch,
  mode: SweepMode,
): void {
  const { e, w, alpha } = state;
  const { es, old: dl } = sc;
  for (let a = 0; a < side.rows; a++) {
    let sum = 0;
    for (let t = side.exStart[a] as number; t < (side.exStart[a + 1] as number); t++)
      sum += e[side.ex[t] as number] as number;
    es[a] = sum;
    dl[a] = 0;
  }
  for (let p = 0; p < side.feat.length; p++) {
    const j = side.feat[p] as number;
    const g = index.group[j] as number;
    const lo = side.colStart[p] as number;
    const hi = side.colStart[p + 1] as number;
    let sh2 = 0;
    let seh = 0;
    for (let q = lo; q < hi; q++) {
      const a = side.colRow[q] as number;
      const x = side.colVal[q] as number;
      sh2 += x * x * (side.count[a] as number);
      seh += x * (es[a] as number);
    }
    const wj = w[j] as number;
    mode.onDraw?.({ side, j, f: -1, sh2, seh });
    const lambda = state.wLambda[g] as number;
    const prec = alpha * sh2 + lambda;
    const mean = (alpha * (seh + wj * sh2) + (state.wMu[g] as number) * lambda) / prec;
    const wn = mode.noise === 0 ? mean : mean + rng.normal() / Math.sqrt(prec);
    const d = wn - wj;
    w[j] = wn;
    for (let q = lo; q < hi; q++) {
      const a = side.colRow[q] as number;
      const dx = d * (side.colVal[q] as number);
      es[a]! -= dx * (side.count[a] as number);
      dl[a]! += dx;
    }
  }
  for (let a = 0; a < side.rows; a++) {
    const d = dl[a] as number;
    if (d === 0) continue;
    for (let t = side.exStart[a] as number; t < (side.exStart[a + 1] as number); t++)
      e[side.ex[t] as number]! -= d;
  }
}

/** Draw factor f of one side's features, given the other side's factor sums `so` (unchanged meanwhile). */
function drawFactor(
  index: McmcIndex,
  side: McmcSide,
  sx: Float64Array,
  so: Float64Array,
  f: number,
  state: McmcState,
  rng: Rng,
  sc: McmcScratch,
  mode: SweepMode,
): void {
  const { e, v, alpha, k } = state;
  const { t1, t2, g: gs, es, old, dsq } = sc;
  const { exStart, ex, other, count } = side;
  for (let a = 0; a < side.rows; a++) {
    let s1 = 0;
    let s2 = 0;
    let sg = 0;
    let se = 0;
    for (let t = exStart[a] as number; t < (exStart[a + 1] as number); t++) {
      const s = so[other[t] as number] as number;
      const er = e[ex[t] as number] as number;
      s1 += s;
      s2 += s * s;
      sg += er * s;
      se += er;
    }
    t1[a] = s1;
    t2[a] = s2;
    gs[a] = sg;
    es[a] = se;
    old[a] = sx[a] as number;
    dsq[a] = 0;
  }
  const vOff = f * index.n;
  for (let p = 0; p < side.feat.length; p++) {
    const j = side.feat[p] as number;
    const hp = (index.group[j] as number) * k + f;
    const lo = side.colStart[p] as number;
    const hi = side.colStart[p + 1] as number;
    const vj = v[vOff + j] as number;
    let sh2 = 0;
    let seh = 0;
    for (let q = lo; q < hi; q++) {
      const a = side.colRow[q] as number;
      const x = side.colVal[q] as number;
      const c = (sx[a] as number) - vj * x;
      const ta = t1[a] as number;
      sh2 += x * x * ((count[a] as number) * c * c + 2 * c * ta + (t2[a] as number));
      seh += x * (c * (es[a] as number) + (gs[a] as number));
    }
    mode.onDraw?.({ side, j, f, sh2, seh });
    const lambda = state.vLambda[hp] as number;
    const prec = alpha * sh2 + lambda;
    const mean = (alpha * (seh + vj * sh2) + (state.vMu[hp] as number) * lambda) / prec;
    const vn = mode.noise === 0 ? mean : mean + rng.normal() / Math.sqrt(prec);
    const d = vn - vj;
    v[vOff + j] = vn;
    const dv2 = vn * vn - vj * vj;
    for (let q = lo; q < hi; q++) {
      const a = side.colRow[q] as number;
      const x = side.colVal[q] as number;
      const c = (sx[a] as number) - vj * x;
      const ta = t1[a] as number;
      const dx = d * x;
      es[a]! -= dx * ((count[a] as number) * c + ta);
      gs[a]! -= dx * (c * ta + (t2[a] as number));
      sx[a]! += dx;
      dsq[a]! += dv2 * x * x;
    }
  }
  // Each rating of row a moved by ds * s_other + dq (cross term and the row's own within-block term).
  for (let a = 0; a < side.rows; a++) {
    const s = sx[a] as number;
    const o = old[a] as number;
    const ds = s - o;
    if (ds === 0 && dsq[a] === 0) continue;
    const dq = 0.5 * (s * s - o * o) - 0.5 * (dsq[a] as number);
    for (let t = exStart[a] as number; t < (exStart[a + 1] as number); t++) {
      e[ex[t] as number]! -= ds * (so[other[t] as number] as number) + dq;
    }
  }
}

/** One full Gibbs sweep: alpha, w0, the linear priors and weights, the factor priors, then each factor. */
export function gibbsSweep(
  index: McmcIndex,
  state: McmcState,
  rng: Rng,
  sc: McmcScratch,
  mode: SweepMode = { noise: 1 },
): void {
  const { e, k } = state;
  const m = index.m;
  let sse = 0;
  let sum = 0;
  for (let r = 0; r < m; r++) {
    const x = e[r] as number;
    sse += x * x;
    sum += x;
  }
  if (mode.noise !== 0) state.alpha = drawNoisePrecision(rng, m, sse);
  // w0 has a flat prior (libFM's reg0 = 0).
  const prec0 = state.alpha * m;
  const mean0 = (state.alpha * (sum + state.w0 * m)) / prec0;
  const w0 = mode.noise === 0 ? mean0 : mean0 + rng.normal() / Math.sqrt(prec0);
  const d0 = w0 - state.w0;
  state.w0 = w0;
  for (let r = 0; r < m; r++) e[r]! -= d0;

  if (mode.noise !== 0) drawPriors(index, state, rng);
  drawLinear(index, index.user, state, rng, sc, mode);
  drawLinear(index, index.item, state, rng, sc, mode);
  const nU = index.user.rows;
  const nI = index.item.rows;
  for (let f = 0; f < k; f++) {
    const su = state.su.subarray(f * nU, (f + 1) * nU);
    const si = state.si.subarray(f * nI, (f + 1) * nI);
    drawFactor(index, index.user, su, si, f, state, rng, sc, mode);
    drawFactor(index, index.item, si, su, f, state, rng, sc, mode);
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
