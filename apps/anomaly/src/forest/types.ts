// Shapes shared by the Isolation Forest kernels: a row-major matrix and the flat-array forest.

/** Row-major numeric matrix: row r, column c lives at `data[r * cols + c]`. */
export interface Matrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

/** The random source the forest needs; `Rng` from `@suite/shared/ml` satisfies it. */
export interface RandomSource {
  next(): number;
  nextInt(n: number): number;
}

/**
 * All trees of a forest in flat typed arrays, one slot per node.
 * Internal node: `feature >= 0`, go to `left` when `x[feature] <= threshold`, else to `left + 1`.
 * Leaf: `feature === -1`, and `threshold` holds the leaf's path length, depth + c(size), so scoring is a
 * plain walk with one add per tree.
 */
export interface ForestArrays {
  readonly nTrees: number;
  readonly nFeatures: number;
  readonly sampleSize: number;
  /** c(sampleSize): divides the mean path length in the score. */
  readonly normalizer: number;
  readonly roots: Int32Array;
  readonly feature: Int16Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  /** Training points that reached the node (diagnostics; not needed for scoring). */
  readonly size: Int32Array;
}

/** Fitting options; defaults follow the paper and scikit-learn. */
export interface ForestOptions {
  /** Number of trees, default 100. */
  nTrees?: number;
  /** Sub-sample size psi per tree, default 256 (capped at the number of rows). */
  sampleSize?: number;
  /** Depth limit, default ceil(log2 psi). */
  maxDepth?: number;
}

export const DEFAULT_TREES = 100;
export const DEFAULT_SAMPLE_SIZE = 256;
/** Feature indices are stored as Int16, so at most this many columns. */
export const MAX_FEATURES = 32767;
