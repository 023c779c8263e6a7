// The draws of one side's parameters (users' or items' block features) from their Gaussian conditionals
// N(mean, 1/prec), prec = alpha * sum h^2 + lambda, mean = (alpha * (sum e h + theta sum h^2) + mu lambda) / prec,
// with h = dy/dtheta (libFM's sampler). For factor f, h of a feature j in row a's block is x_j (c_a + s_b),
// c_a = s_af - v_jf x_j, over the rows b on the other side that a rated with, so both sums reduce to per-row
// sums T1 = sum s_b, T2 = sum s_b^2, G = sum e s_b, E = sum e (Rendle 2013): a feature's draw costs O(rows
// holding it), not O(ratings holding it), and residuals are brought up to date once per side and factor.
import type { Rng } from '@suite/shared/ml';
import type { McmcIndex, McmcSide } from './mcmc-index.ts';
import type { McmcState } from './mcmc-state.ts';

/** How a sweep draws. */
export interface SweepMode {
  /** 1 = Gibbs sampling; 0 = every parameter set to its conditional mean, hyperparameters fixed (ALS). */
  noise: number;
  /** Sees each draw's sufficient statistics (sum h^2, sum e h) before it is applied; f = -1 for a linear weight. */
  onDraw?: (draw: { side: McmcSide; j: number; f: number; sh2: number; seh: number }) => void;
}

/** Per-row sums of one side for the current factor, and what its draws changed. */
export interface RowSums {
  t1: Float64Array;
  t2: Float64Array;
  g: Float64Array;
  es: Float64Array;
  old: Float64Array;
  dsq: Float64Array;
}

export function createRowSums(rows: number): RowSums {
  const make = () => new Float64Array(rows);
  return { t1: make(), t2: make(), g: make(), es: make(), old: make(), dsq: make() };
}

/** Fill a side's row sums against the other side's factor sums `so`. */
export function sumRows(side: McmcSide, so: Float64Array, e: Float64Array, sums: RowSums): void {
  const { exStart, ex, other } = side;
  const { t1, t2, g, es } = sums;
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
    g[a] = sg;
    es[a] = se;
  }
}

/** Draw the linear weights of one side's features (from per-row residual sums). */
export function drawLinear(
  index: McmcIndex,
  side: McmcSide,
  state: McmcState,
  rng: Rng,
  sums: RowSums,
  mode: SweepMode,
): void {
  const { e, w, alpha } = state;
  const { es, old: dl } = sums;
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

/** Draw factor f of every feature of one side, keeping its row sums and factor sums `sx` current. */
export function drawFactor(
  index: McmcIndex,
  side: McmcSide,
  sx: Float64Array,
  f: number,
  state: McmcState,
  rng: Rng,
  sums: RowSums,
  mode: SweepMode,
): void {
  const { v, alpha, k } = state;
  const { t1, t2, g: gs, es, old, dsq } = sums;
  const { count } = side;
  old.set(sx.subarray(0, side.rows));
  dsq.fill(0, 0, side.rows);
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
}

/**
 * Bring the residuals up to date after a side's factor draws: each rating of row a moved by
 * ds_a * s_other + dq_a (the cross term and the row's own within-block term). In the same pass, fill the other
 * side's row sums against `next` (this side's factor sums the other side's draws will see), so the sweep
 * reads the ratings twice per factor instead of four times. `target` null: residuals only.
 */
export function applyFactor(
  side: McmcSide,
  sx: Float64Array,
  so: Float64Array,
  e: Float64Array,
  sums: RowSums,
  target: RowSums | null,
  next: Float64Array,
  otherRows: number,
): void {
  const { exStart, ex, other } = side;
  const { old, dsq } = sums;
  if (target) {
    target.t1.fill(0, 0, otherRows);
    target.t2.fill(0, 0, otherRows);
    target.g.fill(0, 0, otherRows);
    target.es.fill(0, 0, otherRows);
  }
  for (let a = 0; a < side.rows; a++) {
    const s = sx[a] as number;
    const o = old[a] as number;
    const ds = s - o;
    const dq = 0.5 * (s * s - o * o) - 0.5 * (dsq[a] as number);
    if (!target) {
      if (ds === 0 && dq === 0) continue;
      for (let t = exStart[a] as number; t < (exStart[a + 1] as number); t++)
        e[ex[t] as number]! -= ds * (so[other[t] as number] as number) + dq;
      continue;
    }
    const sn = next[a] as number;
    const sn2 = sn * sn;
    const { t1, t2, g, es } = target;
    for (let t = exStart[a] as number; t < (exStart[a + 1] as number); t++) {
      const r = ex[t] as number;
      const b = other[t] as number;
      const er = (e[r] as number) - ds * (so[b] as number) - dq;
      e[r] = er;
      t1[b]! += sn;
      t2[b]! += sn2;
      g[b]! += er * sn;
      es[b]! += er;
    }
  }
}
