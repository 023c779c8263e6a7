import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { createCounts, ppmiSvd } from './sparse-ppmi-svd.ts';

const dot = (v: Float32Array, dim: number, a: number, b: number) => {
  let d = 0;
  for (let c = 0; c < dim; c++) d += (v[a * dim + c] as number) * (v[b * dim + c] as number);
  return d;
};

describe('ppmiSvd', () => {
  // Rows 0-2 share contexts 0-3, rows 3-5 share contexts 4-7; row 6 has no count at all.
  const counts = createCounts(8);
  for (let r = 0; r < 6; r++) for (let c = 0; c < 4; c++) counts.add(r, r < 3 ? c : c + 4, 1 + ((r + c) % 3));
  counts.add(6, 0, 0); // a zero weight is no observation (it made the PMI, then every vector, NaN before)
  const { dim, vectors, nonZero } = ppmiSvd(counts, 7, { dim: 2, smoothing: 0.75, passes: 4 }, createRng(1));

  it('puts rows with the same contexts together and rows with other contexts apart', () => {
    expect(dot(vectors, dim, 0, 1)).toBeGreaterThan(0.9);
    expect(dot(vectors, dim, 3, 5)).toBeGreaterThan(0.9);
    expect(Math.abs(dot(vectors, dim, 0, 4))).toBeLessThan(0.2);
  });

  it('leaves a row without counts at zero and every other row at unit length', () => {
    expect(nonZero).toBe(6);
    expect([...vectors.subarray(6 * dim)]).toEqual([0, 0]);
    expect(dot(vectors, dim, 2, 2)).toBeCloseTo(1, 5);
    expect(vectors.every(Number.isFinite)).toBe(true);
  });
});
