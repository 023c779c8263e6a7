import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { averagePathLength, heightLimit } from './path-length.ts';
import { fitForest } from './fit-forest.ts';
import { meanPathLength, scoreMatrix, scoreRow } from './score-forest.ts';
import type { Matrix } from './types.ts';

/** 500 points from a tight 2-D Gaussian blob plus 5 far outliers at the end. */
function blobWithOutliers(seed: number): Matrix {
  const rng = createRng(seed);
  const rows = 505;
  const data = new Float64Array(rows * 2);
  for (let i = 0; i < 500; i++) {
    data[i * 2] = rng.normal();
    data[i * 2 + 1] = rng.normal();
  }
  for (let i = 500; i < rows; i++) {
    data[i * 2] = 8 + i - 500;
    data[i * 2 + 1] = -8;
  }
  return { data, rows, cols: 2 };
}

describe('path length helpers', () => {
  it('c(n) matches the closed form of the paper and scikit-learn', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // Reference values printed by scikit-learn 1.9's _average_path_length.
    expect(averagePathLength(20)).toBeCloseTo(5.143309288135946, 12);
    expect(averagePathLength(256)).toBeCloseTo(10.244770920119917, 12);
  });

  it('height limit is ceil(log2 psi)', () => {
    expect(heightLimit(256)).toBe(8);
    expect(heightLimit(100)).toBe(7);
    expect(heightLimit(1)).toBe(1);
  });
});

describe('fitForest', () => {
  it('scores far outliers above every inlier', () => {
    const m = blobWithOutliers(1);
    const scores = scoreMatrix(fitForest(m, createRng(7)), m);
    const maxInlier = Math.max(...scores.slice(0, 500));
    for (let i = 500; i < 505; i++) expect(scores[i]).toBeGreaterThan(maxInlier);
    expect(scores[504]).toBeGreaterThan(0.6);
  });

  it('repeats exactly for the same seed and differs for another', () => {
    const m = blobWithOutliers(2);
    const a = fitForest(m, createRng(3));
    const b = fitForest(m, createRng(3));
    const c = fitForest(m, createRng(4));
    expect(b.threshold).toEqual(a.threshold);
    expect(c.threshold).not.toEqual(a.threshold);
  });

  it('keeps trees within the height limit and sub-sample size', () => {
    const m = blobWithOutliers(3);
    const f = fitForest(m, createRng(1), { nTrees: 10, sampleSize: 64 });
    expect(f.sampleSize).toBe(64);
    expect(f.nTrees).toBe(10);
    for (let t = 0; t < f.nTrees; t++) expect(f.size[f.roots[t]!]).toBe(64);
    // Leaves store depth + c(size); depth is at most ceil(log2 64) = 6.
    for (let i = 0; i < f.feature.length; i++) {
      if (f.feature[i] === -1)
        expect(f.threshold[i]! - averagePathLength(f.size[i]!)).toBeLessThanOrEqual(6 + 1e-9);
    }
  });

  it('caps the sub-sample at the number of rows', () => {
    const m = blobWithOutliers(4);
    expect(fitForest(m, createRng(1), { sampleSize: 10_000 }).sampleSize).toBe(505);
  });

  it('makes one leaf per tree when every row is identical', () => {
    const m: Matrix = { data: new Float64Array(40).fill(3), rows: 20, cols: 2 };
    const f = fitForest(m, createRng(1), { nTrees: 5 });
    expect(f.feature.length).toBe(5);
    // Every point walks to a root leaf of size 20: path length c(20), score 2^(-c(20)/c(20)) = 0.5.
    expect(meanPathLength(f, [3, 3])).toBeCloseTo(averagePathLength(20), 12);
    expect(scoreRow(f, [100, -100])).toBeCloseTo(0.5, 12);
  });

  it('rejects an empty matrix and a short data buffer', () => {
    expect(() => fitForest({ data: new Float64Array(0), rows: 0, cols: 2 }, createRng(1))).toThrow(
      RangeError,
    );
    expect(() => fitForest({ data: new Float64Array(3), rows: 2, cols: 2 }, createRng(1))).toThrow(
      RangeError,
    );
  });
});
