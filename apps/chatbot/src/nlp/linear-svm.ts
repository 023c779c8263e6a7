// One-vs-rest linear SVM (L2-regularised squared hinge) by dual coordinate descent: liblinear's default solver.
import type { Rng } from '@suite/shared/ml';
import type { LinearModel } from './linear-model.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

export interface LinearSvmOptions {
  /** Inverse regularisation strength, as in liblinear / scikit-learn's LinearSVC. */
  c: number;
  /** Value of the constant feature that carries the bias (regularised like the weights, as liblinear's -B). */
  biasFeature: number;
  /** Stop when the projected-gradient spread of a pass falls below this. */
  tolerance: number;
  maxPasses: number;
}

export const DEFAULT_LINEAR_SVM: LinearSvmOptions = Object.freeze({
  c: 1,
  biasFeature: 1,
  tolerance: 0.1,
  maxPasses: 200,
});

/**
 * Trains one binary squared-hinge SVM per class (that class against the rest) with the dual coordinate descent of
 * Hsieh et al. (ICML 2008) and shrinking, and packs them into one feature-major {@link LinearModel}.
 *
 * @example const model = trainLinearSvm(xs, ys, 31, vectorizer.dim, createRng(1), { c: 0.5 });
 */
export function trainLinearSvm(
  xs: readonly SparseVector[],
  ys: Int32Array,
  classes: number,
  dim: number,
  rng: Rng,
  options: Partial<LinearSvmOptions> = {},
  sampleWeights?: Float32Array,
  /** Per class, a factor on every feature column (NB-SVM's log-count ratios); folded into the weights at the end. */
  classScales?: readonly Float32Array[],
): LinearModel {
  const o: LinearSvmOptions = { ...DEFAULT_LINEAR_SVM, ...options };
  const n = xs.length;
  const model: LinearModel = {
    dim,
    classes,
    weights: new Float32Array(dim * classes),
    bias: new Float32Array(classes),
  };
  const b2 = o.biasFeature * o.biasFeature;
  const norms = new Float64Array(n);
  const ones = new Float32Array(dim).fill(1);
  const w = new Float64Array(dim);
  const alpha = new Float64Array(n);
  const order = new Int32Array(n);
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++)
    diag[i] = 0.5 / (o.c * (sampleWeights === undefined ? 1 : (sampleWeights[i] as number)));
  for (let k = 0; k < classes; k++) {
    const scale = classScales?.[k] ?? ones;
    for (let i = 0; i < n; i++) {
      const x = xs[i] as SparseVector;
      let s = b2;
      for (let j = 0; j < x.indices.length; j++) {
        const v = (x.values[j] as number) * (scale[x.indices[j] as number] as number);
        s += v * v;
      }
      norms[i] = s;
    }
    w.fill(0);
    alpha.fill(0);
    let bias = 0;
    let active = n;
    for (let i = 0; i < n; i++) order[i] = i;
    let pgMaxOld = Infinity;
    for (let pass = 0; pass < o.maxPasses; pass++) {
      // Fisher-Yates over the active prefix.
      for (let i = active - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
      }
      let pgMax = -Infinity;
      let pgMin = Infinity;
      for (let s = 0; s < active; s++) {
        const i = order[s] as number;
        const x = xs[i] as SparseVector;
        const y = ys[i] === k ? 1 : -1;
        let dot = bias * o.biasFeature;
        for (let j = 0; j < x.indices.length; j++) {
          const col = x.indices[j] as number;
          dot += (x.values[j] as number) * (scale[col] as number) * (w[col] as number);
        }
        const g = y * dot - 1 + (diag[i] as number) * (alpha[i] as number);
        let pg = g;
        if (alpha[i] === 0) {
          if (g > pgMaxOld) {
            // Shrink: this example sits comfortably outside the margin.
            active--;
            order[s] = order[active] as number;
            order[active] = i;
            s--;
            continue;
          }
          if (g > 0) pg = 0;
        }
        if (pg > pgMax) pgMax = pg;
        if (pg < pgMin) pgMin = pg;
        if (Math.abs(pg) > 1e-12) {
          const old = alpha[i] as number;
          const next = Math.max(old - g / ((norms[i] as number) + (diag[i] as number)), 0);
          alpha[i] = next;
          const d = (next - old) * y;
          for (let j = 0; j < x.indices.length; j++) {
            const col = x.indices[j] as number;
            w[col] = (w[col] as number) + d * (x.values[j] as number) * (scale[col] as number);
          }
          bias += d * o.biasFeature;
        }
      }
      if (pgMax - pgMin <= o.tolerance) {
        if (active === n) break;
        // Converged on the active set: check everything once more before stopping.
        active = n;
        pgMaxOld = Infinity;
        continue;
      }
      pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    }
    for (let col = 0; col < dim; col++)
      model.weights[col * classes + k] = (w[col] as number) * (scale[col] as number);
    model.bias[k] = bias * o.biasFeature;
  }
  return model;
}
