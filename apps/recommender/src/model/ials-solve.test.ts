import { createRng } from '@suite/shared/ml';
import { describe, expect, it } from 'vitest';
import {
  choleskySolve,
  conjugateGradientSolve,
  createSolveScratch,
  scaledGram,
  type RowSystem,
} from './ials-solve.ts';

const rng = createRng(3);
const k = 6;
const nY = 30;
const y = Float64Array.from({ length: nY * k }, () => rng.normal());
const idx = Int32Array.from([2, 5, 7, 11, 19]);
const w = Float64Array.from([1, 2, 0.5, 1.5, 1]);
const wt = Float64Array.from([1, 2, 0.25, 1.5, 0]);
const system: RowSystem = {
  k,
  gram: scaledGram(y, nY, k, 0.3),
  y,
  idx,
  w,
  wt,
  a: 0,
  b: idx.length,
  lambda: 0.7,
};

/** A x - b for the row system, computed the slow obvious way. */
function residual(x: Float64Array): number {
  let worst = 0;
  for (let f = 0; f < k; f++) {
    let ax = system.lambda * (x[f] as number);
    for (let j = 0; j < nY; j++) {
      let dot = 0;
      for (let g = 0; g < k; g++) dot += (y[j * k + g] as number) * (x[g] as number);
      ax += 0.3 * dot * (y[j * k + f] as number);
    }
    let b = 0;
    for (let t = 0; t < idx.length; t++) {
      const off = (idx[t] as number) * k;
      let dot = 0;
      for (let g = 0; g < k; g++) dot += (y[off + g] as number) * (x[g] as number);
      ax += (w[t] as number) * dot * (y[off + f] as number);
      b += (wt[t] as number) * (y[off + f] as number);
    }
    worst = Math.max(worst, Math.abs(ax - b));
  }
  return worst;
}

describe('iALS row solve', () => {
  it('Cholesky solves the weighted system exactly', () => {
    expect(residual(choleskySolve(system))).toBeLessThan(1e-9);
  });

  it('conjugate gradient reaches the same solution in k steps, and gets closer with every step', () => {
    const exact = choleskySolve(system);
    const distance = (steps: number) => {
      const x = new Float64Array(k);
      conjugateGradientSolve(system, x, 0, steps, createSolveScratch(k));
      return Math.max(...Array.from(x, (v, f) => Math.abs(v - (exact[f] as number))));
    };
    expect(distance(2)).toBeLessThan(distance(1));
    expect(distance(k)).toBeLessThan(1e-8);
  });

  it('solves in place at an offset, leaving the rest of the table alone', () => {
    const xs = new Float64Array(3 * k).fill(9);
    conjugateGradientSolve(system, xs, k, k, createSolveScratch(k));
    expect(Array.from(xs.subarray(0, k))).toEqual(new Array(k).fill(9));
    expect(Array.from(xs.subarray(2 * k))).toEqual(new Array(k).fill(9));
    expect(residual(xs.subarray(k, 2 * k))).toBeLessThan(1e-8);
  });
});
