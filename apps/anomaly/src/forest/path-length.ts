// Average path length of an unsuccessful BST search, c(n): the normaliser and leaf correction of Isolation Forest.

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n) from Liu, Ting and Zhou (2008): the expected path length of a point in a tree grown on n points.
 * Matches scikit-learn's `_average_path_length`: 0 for n <= 1, 1 for n = 2, else 2H(n-1) - 2(n-1)/n.
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Height limit used while growing a tree: ceil(log2 psi), the depth past which points are not anomalous. */
export function heightLimit(sampleSize: number): number {
  return Math.ceil(Math.log2(Math.max(sampleSize, 2)));
}
