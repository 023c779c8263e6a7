// Scores points with a fitted forest: s(x) = 2^(-E(h(x)) / c(psi)), walking flat arrays with no allocation.
import type { ForestArrays, Matrix } from './types.ts';

/** Mean path length of the point stored at `x[offset .. offset + nFeatures)` over all trees. */
export function meanPathLength(forest: ForestArrays, x: ArrayLike<number>, offset = 0): number {
  const { roots, feature, threshold, left, nTrees } = forest;
  let total = 0;
  for (let t = 0; t < nTrees; t++) {
    let node = roots[t]!;
    let f = feature[node]!;
    while (f >= 0) {
      node = x[offset + f]! <= threshold[node]! ? left[node]! : left[node]! + 1;
      f = feature[node]!;
    }
    // Leaves hold depth + c(size) in the threshold slot.
    total += threshold[node]!;
  }
  return total / nTrees;
}

/**
 * Anomaly score in (0, 1]: near 1 is anomalous, well below 0.5 is normal. A forest grown on one point
 * (normalizer 0) scores everything 0.5, as scikit-learn does.
 */
export function scoreRow(forest: ForestArrays, x: ArrayLike<number>, offset = 0): number {
  if (forest.normalizer === 0) return 0.5;
  return Math.pow(2, -meanPathLength(forest, x, offset) / forest.normalizer);
}

/** Scores every row of `matrix` into `out` (allocated when not given) and returns it. */
export function scoreMatrix(forest: ForestArrays, matrix: Matrix, out?: Float64Array): Float64Array {
  if (matrix.cols !== forest.nFeatures) {
    throw new RangeError(`forest expects ${forest.nFeatures} features, matrix has ${matrix.cols}`);
  }
  const result = out ?? new Float64Array(matrix.rows);
  const { roots, feature, threshold, left, nTrees, normalizer } = forest;
  const { data, rows, cols } = matrix;
  result.fill(0, 0, rows);
  // Tree-major: one tree's nodes stay in cache while every row walks it.
  for (let t = 0; t < nTrees; t++) {
    const root = roots[t]!;
    for (let r = 0, off = 0; r < rows; r++, off += cols) {
      let node = root;
      let f = feature[node]!;
      while (f >= 0) {
        node = data[off + f]! <= threshold[node]! ? left[node]! : left[node]! + 1;
        f = feature[node]!;
      }
      result[r]! += threshold[node]!;
    }
  }
  for (let r = 0; r < rows; r++)
    result[r] = normalizer === 0 ? 0.5 : Math.pow(2, -result[r]! / nTrees / normalizer);
  return result;
}
