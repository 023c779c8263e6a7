// Rao-Blackwellised samples: a kept sample's item parameters (each item's one-hot bias w_i and factors v_i)
// are replaced by their joint conditional mean given the rest of the sample. No rating involves two items, so
// the items are conditionally independent, and y_ui is linear in (w_i, v_i): the prediction of the modified
// sample is exactly E[y_ui | everything but the items], an estimate of the posterior mean with the items' draw
// noise removed. Each item costs one (k+1) x (k+1) Cholesky solve.
import type { FeatureLayout } from '../features/feature-space.ts';
import type { McmcIndex } from './mcmc-index.ts';
import { getSampleParams, type McmcState } from './mcmc-state.ts';

/** Solve A x = b in place (A symmetric positive definite, row-major d x d, overwritten); returns x in b. */
function choleskySolve(a: Float64Array, b: Float64Array, d: number): void {
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j] as number;
    for (let p = 0; p < j; p++) s -= (a[j * d + p] as number) ** 2;
    const l = Math.sqrt(Math.max(s, 1e-12));
    a[j * d + j] = l;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j] as number;
      for (let p = 0; p < j; p++) t -= (a[i * d + p] as number) * (a[j * d + p] as number);
      a[i * d + j] = t / l;
    }
  }
  for (let i = 0; i < d; i++) {
    let t = b[i] as number;
    for (let p = 0; p < i; p++) t -= (a[i * d + p] as number) * (b[p] as number);
    b[i] = t / (a[i * d + i] as number);
  }
  for (let i = d - 1; i >= 0; i--) {
    let t = b[i] as number;
    for (let p = i + 1; p < d; p++) t -= (a[p * d + i] as number) * (b[p] as number);
    b[i] = t / (a[i * d + i] as number);
  }
}

/** The sample's parameters (model layout) with every item's (w_i, v_i) at its conditional mean. */
export function getRaoBlackwellParams(
  index: McmcIndex,
  state: McmcState,
  layout: FeatureLayout,
): Float64Array {
  const params = getSampleParams(index, state);
  const { n } = index;
  const { k, alpha, e, su, si, v } = state;
  const { item } = index;
  const nU = index.user.rows;
  const nI = item.rows;
  const d = k + 1;
  const g = index.group[layout.item] as number;
  const a = new Float64Array(d * d);
  const b = new Float64Array(d);
  const h = new Float64Array(d);
  const theta = new Float64Array(d);
  for (let i = 0; i < nI; i++) {
    const j = layout.item + i;
    theta[0] = state.w[j] as number;
    for (let f = 0; f < k; f++) theta[f + 1] = v[f * n + j] as number;
    a.fill(0);
    b[0] = (state.wMu[g] as number) * (state.wLambda[g] as number);
    a[0] = state.wLambda[g] as number;
    for (let f = 0; f < k; f++) {
      const lam = state.vLambda[g * k + f] as number;
      a[(f + 1) * d + f + 1] = lam;
      b[f + 1] = (state.vMu[g * k + f] as number) * lam;
    }
    for (let t = item.exStart[i] as number; t < (item.exStart[i + 1] as number); t++) {
      const r = item.ex[t] as number;
      const u = item.other[t] as number;
      h[0] = 1;
      let target = (e[r] as number) + (theta[0] as number);
      for (let f = 0; f < k; f++) {
        const hf = (su[f * nU + u] as number) + (si[f * nI + i] as number) - (theta[f + 1] as number);
        h[f + 1] = hf;
        target += (theta[f + 1] as number) * hf;
      }
      for (let p = 0; p < d; p++) {
        const hp = alpha * (h[p] as number);
        b[p]! += hp * target;
        for (let q = 0; q <= p; q++) a[p * d + q]! += hp * (h[q] as number);
      }
    }
    choleskySolve(a, b, d);
    params[1 + j] = b[0] as number;
    for (let f = 0; f < k; f++) params[1 + n + j * k + f] = b[f + 1] as number;
  }
  return params;
}
