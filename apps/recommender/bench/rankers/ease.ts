// EASE^R (Steck 2019), a reference only: B = I - P diag(1/diag P) with P = (X^T X + lambda I)^-1. Its dense
// item x item matrix needs items^2 floats (80 GB at 100k items in float64) and an items^3 inverse, so it
// cannot serve the app at scale; it shows how far the served model is from a strong linear baseline.
import type { Interactions } from '../../src/training/interactions.ts';

/** Invert a symmetric positive definite matrix in place (Gauss-Jordan without pivoting, row-major n x n). */
function invertSpd(a: Float64Array, n: number): void {
  for (let p = 0; p < n; p++) {
    const rowP = p * n;
    const d = 1 / (a[rowP + p] as number);
    a[rowP + p] = 1;
    for (let c = 0; c < n; c++) a[rowP + c]! *= d;
    for (let r = 0; r < n; r++) {
      if (r === p) continue;
      const rowR = r * n;
      const f = a[rowR + p] as number;
      if (f === 0) continue;
      a[rowR + p] = 0;
      for (let c = 0; c < n; c++) a[rowR + c]! -= f * (a[rowP + c] as number);
    }
  }
}

/** The item x item weights B (row-major, B[j*n + i] is j's contribution to i's score; zero diagonal). */
export function trainEase(data: Interactions, lambda = 500): Float64Array {
  const n = data.nItems;
  const g = new Float64Array(n * n);
  for (let u = 0; u < data.nUsers; u++) {
    const a = data.userStart[u] as number;
    const b = data.userStart[u + 1] as number;
    for (let p = a; p < b; p++) {
      const row = (data.userItem[p] as number) * n;
      for (let q = a; q < b; q++) g[row + (data.userItem[q] as number)]! += 1;
    }
  }
  for (let i = 0; i < n; i++) g[i * n + i]! += lambda;
  invertSpd(g, n);
  // B_ji = -P_ji / P_ii; the diagonal is 0.
  const diag = Float64Array.from({ length: n }, (_, i) => g[i * n + i] as number);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) g[j * n + i] = j === i ? 0 : -(g[j * n + i] as number) / (diag[i] as number);
  }
  return g;
}

export function scoreEase(
  b: Float64Array,
  n: number,
  items: ArrayLike<number>,
  a: number,
  e: number,
  out: Float64Array,
): void {
  out.fill(0);
  for (let t = a; t < e; t++) {
    const row = (items[t] as number) * n;
    for (let i = 0; i < n; i++) out[i]! += b[row + i] as number;
  }
}
