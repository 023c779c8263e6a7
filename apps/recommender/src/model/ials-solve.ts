// The iALS row solve: for one user (or item) with observed partners j (weights w_j, factor rows y_j) minimise
// sum_j w_j (<x, y_j> - 1)^2 + alpha0 * sum_all <x, y>^2 + lambda * |x|^2, i.e. solve
// (alpha0 G + sum_j w_j y_j y_j^T + lambda I) x = sum_j w_j y_j with G = Y^T Y over all rows of Y.
// Training takes a few conjugate-gradient steps from the previous x (Takács et al. 2011, as the `implicit`
// library does); an online fold-in solves the same system exactly by Cholesky.

/** Scratch vectors for one solve (k-sized), reused across rows so the hot loop allocates nothing. */
export interface SolveScratch {
  r: Float64Array;
  p: Float64Array;
  ap: Float64Array;
}

export function createSolveScratch(k: number): SolveScratch {
  return { r: new Float64Array(k), p: new Float64Array(k), ap: new Float64Array(k) };
}

/** One row's system: partners `idx[a..b)` with weights `w[a..b)` into the factor table `y` (k per row). */
export interface RowSystem {
  k: number;
  /** alpha0 * Y^T Y, k x k row-major. */
  gram: Float64Array;
  y: Float64Array;
  idx: Int32Array;
  w: Float32Array | Float64Array;
  a: number;
  b: number;
  lambda: number;
}

/** out = A v for the row's system. */
function multiply(s: RowSystem, v: Float64Array, out: Float64Array): void {
  const { k, gram, y, idx, w } = s;
  for (let f = 0; f < k; f++) {
    let acc = s.lambda * (v[f] as number);
    const row = f * k;
    for (let g = 0; g < k; g++) acc += (gram[row + g] as number) * (v[g] as number);
    out[f] = acc;
  }
  for (let t = s.a; t < s.b; t++) {
    const off = (idx[t] as number) * k;
    let dot = 0;
    for (let f = 0; f < k; f++) dot += (y[off + f] as number) * (v[f] as number);
    dot *= w[t] as number;
    for (let f = 0; f < k; f++) out[f]! += dot * (y[off + f] as number);
  }
}

/**
 * `steps` conjugate-gradient steps on the row system, starting from and updating `x` (offset `xOff` in
 * `xs`). Three steps from the previous epoch's solution are as good as an exact solve for ranking quality.
 */
export function conjugateGradientSolve(
  s: RowSystem,
  xs: Float64Array,
  xOff: number,
  steps: number,
  scratch: SolveScratch,
): void {
  const { k, y, idx, w } = s;
  const { r, p, ap } = scratch;
  const x = xs.subarray(xOff, xOff + k);
  multiply(s, x, ap);
  // r = b - A x, with b = sum_j w_j y_j.
  for (let f = 0; f < k; f++) r[f] = -(ap[f] as number);
  for (let t = s.a; t < s.b; t++) {
    const off = (idx[t] as number) * k;
    const wt = w[t] as number;
    for (let f = 0; f < k; f++) r[f]! += wt * (y[off + f] as number);
  }
  let rr = 0;
  for (let f = 0; f < k; f++) {
    p[f] = r[f] as number;
    rr += (r[f] as number) * (r[f] as number);
  }
  for (let step = 0; step < steps && rr > 1e-20; step++) {
    multiply(s, p, ap);
    let pap = 0;
    for (let f = 0; f < k; f++) pap += (p[f] as number) * (ap[f] as number);
    const alpha = rr / pap;
    let rrNext = 0;
    for (let f = 0; f < k; f++) {
      x[f]! += alpha * (p[f] as number);
      r[f]! -= alpha * (ap[f] as number);
      rrNext += (r[f] as number) * (r[f] as number);
    }
    const beta = rrNext / rr;
    for (let f = 0; f < k; f++) p[f] = (r[f] as number) + beta * (p[f] as number);
    rr = rrNext;
  }
}

/**
 * The exact solution of the row system by Cholesky (k^3/3 + n k^2 flops: well under a millisecond at k = 64
 * for a user with a few hundred items), written into a new array. Used to fold in a user online.
 */
export function choleskySolve(s: RowSystem): Float64Array {
  const { k, y, idx, w } = s;
  const m = Float64Array.from(s.gram);
  const x = new Float64Array(k);
  for (let f = 0; f < k; f++) m[f * k + f]! += s.lambda;
  for (let t = s.a; t < s.b; t++) {
    const off = (idx[t] as number) * k;
    const wt = w[t] as number;
    for (let f = 0; f < k; f++) {
      const yf = wt * (y[off + f] as number);
      x[f]! += yf;
      const row = f * k;
      for (let g = 0; g <= f; g++) m[row + g]! += yf * (y[off + g] as number);
    }
  }
  // In-place lower Cholesky factor L (m = L L^T), then forward and back substitution.
  for (let f = 0; f < k; f++) {
    const rowF = f * k;
    for (let g = 0; g <= f; g++) {
      const rowG = g * k;
      let sum = m[rowF + g] as number;
      for (let h = 0; h < g; h++) sum -= (m[rowF + h] as number) * (m[rowG + h] as number);
      if (f === g) m[rowF + f] = Math.sqrt(Math.max(sum, 1e-12));
      else m[rowF + g] = sum / (m[rowG + g] as number);
    }
  }
  for (let f = 0; f < k; f++) {
    let sum = x[f] as number;
    for (let h = 0; h < f; h++) sum -= (m[f * k + h] as number) * (x[h] as number);
    x[f] = sum / (m[f * k + f] as number);
  }
  for (let f = k - 1; f >= 0; f--) {
    let sum = x[f] as number;
    for (let h = f + 1; h < k; h++) sum -= (m[h * k + f] as number) * (x[h] as number);
    x[f] = sum / (m[f * k + f] as number);
  }
  return x;
}

/** alpha0 * Y^T Y for `n` rows of k factors (k x k, row-major, both triangles filled). */
export function scaledGram(y: Float64Array, n: number, k: number, alpha0: number): Float64Array {
  const g = new Float64Array(k * k);
  for (let j = 0; j < n; j++) {
    const off = j * k;
    for (let f = 0; f < k; f++) {
      const yf = y[off + f] as number;
      if (yf === 0) continue;
      const row = f * k;
      for (let h = 0; h <= f; h++) g[row + h]! += yf * (y[off + h] as number);
    }
  }
  for (let f = 0; f < k; f++) {
    for (let h = 0; h <= f; h++) {
      const v = alpha0 * (g[f * k + h] as number);
      g[f * k + h] = v;
      g[h * k + f] = v;
    }
  }
  return g;
}
