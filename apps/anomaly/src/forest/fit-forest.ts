// Grows an Isolation Forest (Liu, Ting and Zhou 2008) into flat typed arrays, the way scikit-learn does.
import { averagePathLength, heightLimit } from './path-length.ts';
import {
  DEFAULT_SAMPLE_SIZE,
  DEFAULT_TREES,
  MAX_FEATURES,
  type ForestArrays,
  type ForestOptions,
  type Matrix,
  type RandomSource,
} from './types.ts';

/**
 * Fits a forest on the rows of `matrix`. Each tree sees `sampleSize` rows drawn without replacement,
 * splits on a random non-constant feature at a threshold uniform in [min, max) of the node's rows, and
 * stops at the height limit or when a node holds one point or only identical points.
 *
 * @example
 * const forest = fitForest({ data, rows, cols }, createRng(1));
 * const s = scoreRow(forest, data, 0);
 */
export function fitForest(matrix: Matrix, rng: RandomSource, options: ForestOptions = {}): ForestArrays {
  const { data, rows, cols } = matrix;
  if (rows < 1) throw new RangeError('fitForest needs at least one row');
  if (cols < 1 || cols > MAX_FEATURES) throw new RangeError(`fitForest supports 1..${MAX_FEATURES} columns`);
  if (data.length < rows * cols) throw new RangeError('matrix data is shorter than rows * cols');
  const nTrees = Math.max(1, Math.floor(options.nTrees ?? DEFAULT_TREES));
  const psi = Math.min(rows, Math.max(1, Math.floor(options.sampleSize ?? DEFAULT_SAMPLE_SIZE)));
  const maxDepth = options.maxDepth ?? heightLimit(psi);

  // A binary tree on psi points has at most 2 psi - 1 nodes.
  const capacity = nTrees * (2 * psi - 1);
  const feature = new Int16Array(capacity);
  const threshold = new Float64Array(capacity);
  const left = new Int32Array(capacity);
  const size = new Int32Array(capacity);
  const roots = new Int32Array(nTrees);
  // c(n) for every possible leaf size, computed once instead of a logarithm per leaf.
  const leafCorrection = new Float64Array(psi + 1);
  for (let n = 0; n <= psi; n++) leafCorrection[n] = averagePathLength(n);

  const pool = new Int32Array(rows);
  for (let i = 0; i < rows; i++) pool[i] = i;
  const idx = new Int32Array(psi);
  const order = new Int32Array(cols);
  // Explicit stack of pending nodes: node id, slice [start, end) of idx, depth.
  const stackNode = new Int32Array(psi * 2 + 2);
  const stackStart = new Int32Array(psi * 2 + 2);
  const stackEnd = new Int32Array(psi * 2 + 2);
  const stackDepth = new Int32Array(psi * 2 + 2);

  // Integer draws as floor(next() * n): rejection-sampled nextInt costs a float modulo per draw, which dominated
  // fitting, and the bias of a 32-bit uniform is below 2^-23 for n <= psi.
  let next = 0;
  for (let t = 0; t < nTrees; t++) {
    // Partial Fisher-Yates over a persistent pool: the first psi slots are a uniform sample without replacement.
    for (let i = 0; i < psi; i++) {
      const j = i + Math.floor(rng.next() * (rows - i));
      const tmp = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = tmp;
      idx[i] = pool[i]!;
    }
    const root = next++;
    roots[t] = root;
    let top = 0;
    stackNode[0] = root;
    stackStart[0] = 0;
    stackEnd[0] = psi;
    stackDepth[0] = 0;
    top = 1;
    while (top > 0) {
      top--;
      const node = stackNode[top]!;
      const start = stackStart[top]!;
      const end = stackEnd[top]!;
      const depth = stackDepth[top]!;
      const n = end - start;
      size[node] = n;
      let splitFeature = -1;
      let lo = 0;
      let hi = 0;
      if (depth < maxDepth && n > 1) {
        for (let c = 0; c < cols; c++) order[c] = c;
        // Draw features without replacement until one varies inside the node (scikit-learn skips constants).
        for (let k = 0; k < cols; k++) {
          const j = k + Math.floor(rng.next() * (cols - k));
          const f = order[j]!;
          order[j] = order[k]!;
          order[k] = f;
          let mn = Infinity;
          let mx = -Infinity;
          for (let i = start; i < end; i++) {
            const v = data[idx[i]! * cols + f]!;
            if (v < mn) mn = v;
            if (v > mx) mx = v;
          }
          if (mx > mn) {
            splitFeature = f;
            lo = mn;
            hi = mx;
            break;
          }
        }
      }
      if (splitFeature < 0) {
        feature[node] = -1;
        threshold[node] = depth + leafCorrection[n]!;
        continue;
      }
      let thr = lo + rng.next() * (hi - lo);
      if (thr >= hi) thr = lo;
      // Partition idx[start, end) so rows with x <= thr come first.
      let i = start;
      let j = end - 1;
      while (i <= j) {
        if (data[idx[i]! * cols + splitFeature]! <= thr) i++;
        else {
          const tmp = idx[i]!;
          idx[i] = idx[j]!;
          idx[j] = tmp;
          j--;
        }
      }
      const l = next;
      next += 2;
      feature[node] = splitFeature;
      threshold[node] = thr;
      left[node] = l;
      stackNode[top] = l;
      stackStart[top] = start;
      stackEnd[top] = i;
      stackDepth[top] = depth + 1;
      top++;
      stackNode[top] = l + 1;
      stackStart[top] = i;
      stackEnd[top] = end;
      stackDepth[top] = depth + 1;
      top++;
    }
  }
  return {
    nTrees,
    nFeatures: cols,
    sampleSize: psi,
    normalizer: averagePathLength(psi),
    roots,
    feature: feature.slice(0, next),
    threshold: threshold.slice(0, next),
    left: left.slice(0, next),
    size: size.slice(0, next),
  };
}
