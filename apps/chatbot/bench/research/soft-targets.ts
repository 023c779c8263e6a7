// A multinomial logistic (softmax) regression over sparse vectors that learns from soft targets (a distribution per
// row: label smoothing, a teacher's probabilities, mixup's mixed labels), and the target builders (issue 11,
// 1 Dec 2026). Research only: the app's linear model is the Crammer-Singer hinge, which takes one label per row.
import { createOptimizer, type Optimizer, type Rng } from '@suite/shared/ml';
import { scoreInto, softmaxInPlace, type LinearModel } from '../../src/nlp/linear-model.ts';
import { fitTemperature } from '../../src/nlp/temperature.ts';
import type { SparseVector } from '../../src/nlp/tfidf-vectorizer.ts';

export interface SoftTrainOptions {
  /** AdaGrad step size. */
  learningRate: number;
  /** Passes over the rows before the temperature's share is scored. */
  epochs: number;
  /** Passes over every row after the temperature is fitted (the app's refit). */
  refitEpochs: number;
  /** Share of each class held out to fit the temperature (the app's 0.1). */
  calibrationFraction: number;
  /** Mixup (Zhang et al. 2018): each step mixes its row with a random one at lambda ~ Beta(a, a); 0 = off. */
  mixupAlpha: number;
}

export const DEFAULT_SOFT: SoftTrainOptions = Object.freeze({
  learningRate: 0.1,
  epochs: 12,
  refitEpochs: 2,
  calibrationFraction: 0.1,
  mixupAlpha: 0,
});

// Gradients this small are skipped (most classes sit near zero probability after the first epoch).
const MIN_GRADIENT = 1e-4;

/** One step of softmax cross-entropy against the target distribution `q` (length classes). */
function stepSoft(
  model: LinearModel,
  x: SparseVector,
  q: ArrayLike<number>,
  opt: Optimizer,
  biasOpt: Optimizer,
  p: Float64Array,
): void {
  scoreInto(model, x, p);
  softmaxInPlace(p);
  const { classes, weights } = model;
  for (let k = 0; k < classes; k++) {
    const g = (p[k] as number) - (q[k] as number);
    if (Math.abs(g) < MIN_GRADIENT) continue;
    for (let i = 0; i < x.indices.length; i++)
      opt.update(weights, (x.indices[i] as number) * classes + k, g * (x.values[i] as number));
    biasOpt.update(model.bias, k, g);
  }
}

/** Gamma(a) deviate (Marsaglia and Tsang; a < 1 through Gamma(a + 1) U^(1/a)). */
function gamma(rng: Rng, a: number): number {
  if (a < 1) return gamma(rng, a + 1) * Math.pow(Math.max(rng.next(), 1e-300), 1 / a);
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = rng.normal();
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    const u = rng.next();
    if (Math.log(Math.max(u, 1e-300)) < 0.5 * z * z + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** lam x_a + (1 - lam) x_b as one sparse vector (columns merged). */
function mixVectors(a: SparseVector, b: SparseVector, lam: number): SparseVector {
  const m = new Map<number, number>();
  for (let i = 0; i < a.indices.length; i++) m.set(a.indices[i] as number, lam * (a.values[i] as number));
  for (let i = 0; i < b.indices.length; i++) {
    const col = b.indices[i] as number;
    m.set(col, (m.get(col) ?? 0) + (1 - lam) * (b.values[i] as number));
  }
  return { indices: Int32Array.from(m.keys()), values: Float32Array.from(m.values()) };
}

/** A calibrated softmax model: raw scores, and the temperature fitted on its held-out share. */
export interface SoftModel {
  model: LinearModel;
  temperature: number;
}

/** Indices of each class's rows, `fraction` of them (at least one of a class with 3+) on the held-out side. */
function stratifiedShare(ys: Int32Array, fraction: number, rng: Rng): { fit: number[]; held: number[] } {
  const by = new Map<number, number[]>();
  ys.forEach((y, i) => by.set(y, [...(by.get(y) ?? []), i]));
  const fit: number[] = [];
  const held: number[] = [];
  for (const key of [...by.keys()].sort((a, b) => a - b)) {
    const g = by.get(key) as number[];
    rng.shuffle(g);
    const n = g.length >= 3 && fraction > 0 ? Math.max(1, Math.round(g.length * fraction)) : 0;
    held.push(...g.slice(0, n));
    fit.push(...g.slice(n));
  }
  return { fit, held };
}

/**
 * Trains softmax regression on `xs` toward `targets` (row-major, one distribution of `classes` per row) the way the
 * app trains its linear model: `epochs` passes on all but a stratified share, the temperature fitted on that share
 * (against the hard labels `ys`), then `refitEpochs` passes over every row with the optimiser state kept.
 *
 * @example const s = trainSoftModel(xs, smoothedTargets(ys, 31, 0.1), ys, 31, dim, createRng(3));
 */
export function trainSoftModel(
  xs: readonly SparseVector[],
  targets: Float64Array,
  ys: Int32Array,
  classes: number,
  dim: number,
  rng: Rng,
  options: Partial<SoftTrainOptions> = {},
): SoftModel {
  const o = { ...DEFAULT_SOFT, ...options };
  const model: LinearModel = {
    dim,
    classes,
    weights: new Float32Array(dim * classes),
    bias: new Float32Array(classes),
  };
  const opt = createOptimizer({ kind: 'adagrad', learningRate: o.learningRate }, model.weights.length);
  const biasOpt = createOptimizer({ kind: 'adagrad', learningRate: o.learningRate }, classes);
  const p = new Float64Array(classes);
  const q = new Float64Array(classes);
  const passes = (rows: number[], epochs: number, r: Rng) => {
    const order = Int32Array.from(rows);
    for (let e = 0; e < epochs; e++) {
      r.shuffle(order);
      for (const i of order) {
        const qi = targets.subarray(i * classes, (i + 1) * classes);
        if (o.mixupAlpha <= 0) {
          stepSoft(model, xs[i] as SparseVector, qi, opt, biasOpt, p);
          continue;
        }
        const j = order[r.nextInt(order.length)] as number;
        const g1 = gamma(r, o.mixupAlpha);
        const lam = g1 / (g1 + gamma(r, o.mixupAlpha));
        const qj = targets.subarray(j * classes, (j + 1) * classes);
        for (let k = 0; k < classes; k++) q[k] = lam * (qi[k] as number) + (1 - lam) * (qj[k] as number);
        stepSoft(model, mixVectors(xs[i] as SparseVector, xs[j] as SparseVector, lam), q, opt, biasOpt, p);
      }
    }
  };
  const { fit, held } = stratifiedShare(ys, o.calibrationFraction, rng.fork());
  passes(fit, o.epochs, rng.fork());
  let temperature = 1;
  if (held.length > 0) {
    const scores = new Float64Array(held.length * classes);
    held.forEach((i, n) => {
      scoreInto(model, xs[i] as SparseVector, p);
      scores.set(p, n * classes);
    });
    temperature = fitTemperature(
      scores,
      Int32Array.from(held, (i) => ys[i] as number),
      classes,
    );
    passes([...fit, ...held], o.refitEpochs, rng.fork());
  }
  return { model, temperature };
}

/** One-hot targets smoothed by `eps`: (1 - eps) on the label, eps / classes everywhere (Szegedy et al. 2016). */
export function smoothedTargets(ys: Int32Array, classes: number, eps: number): Float64Array {
  const t = new Float64Array(ys.length * classes).fill(eps / classes);
  ys.forEach((y, i) => (t[i * classes + y] = (t[i * classes + y] as number) + 1 - eps));
  return t;
}

/** alpha on the label and (1 - alpha) times a teacher's distribution (row-major like the targets). */
export function distilledTargets(
  ys: Int32Array,
  teacher: Float64Array,
  classes: number,
  alpha: number,
): Float64Array {
  const t = new Float64Array(ys.length * classes);
  for (let i = 0; i < t.length; i++) t[i] = (1 - alpha) * (teacher[i] as number);
  ys.forEach((y, i) => (t[i * classes + y] = (t[i * classes + y] as number) + alpha));
  return t;
}
