// One Gibbs sweep of a Bayesian FM (Rendle, "Factorization Machines with libFM", 2012): the noise precision,
// the global bias, the hyperparameters of every prior group, the linear weights, then factor by factor the
// users' block features and the items' block features (mcmc-draws.ts), libFM's order.
import type { Rng } from '@suite/shared/ml';
import { MCMC_GROUP_COUNT, type McmcIndex } from './mcmc-index.ts';
import { drawGroupPrior, drawNoisePrecision } from './mcmc-priors.ts';
import {
  applyFactor,
  createRowSums,
  drawFactor,
  drawLinear,
  sumRows,
  type RowSums,
  type SweepMode,
} from './mcmc-draws.ts';
import type { McmcState } from './mcmc-state.ts';

export type { SweepMode };

/** Per-row work arrays of both sides, reused across sweeps. */
export interface McmcScratch {
  user: RowSums;
  item: RowSums;
}

export function createMcmcScratch(index: McmcIndex): McmcScratch {
  return { user: createRowSums(index.user.rows), item: createRowSums(index.item.rows) };
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
  const { user, item } = index;
  drawLinear(index, user, state, rng, sc.user, mode);
  drawLinear(index, item, state, rng, sc.item, mode);
  const nU = user.rows;
  const nI = item.rows;
  const siOf = (f: number) => state.si.subarray(f * nI, (f + 1) * nI);
  if (k > 0) sumRows(user, siOf(0), e, sc.user);
  for (let f = 0; f < k; f++) {
    const su = state.su.subarray(f * nU, (f + 1) * nU);
    const si = siOf(f);
    drawFactor(index, user, su, f, state, rng, sc.user, mode);
    applyFactor(user, su, si, e, sc.user, sc.item, su, nI);
    drawFactor(index, item, si, f, state, rng, sc.item, mode);
    const last = f + 1 === k;
    applyFactor(item, si, su, e, sc.item, last ? null : sc.user, last ? si : siOf(f + 1), nU);
  }
}
