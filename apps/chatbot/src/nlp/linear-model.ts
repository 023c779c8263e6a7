// Multiclass linear model over sparse vectors, trained with the shared optimisers (softmax or multiclass hinge).
import { createOptimizer, type Optimizer, type OptimizerKind, type Rng } from '@suite/shared/ml';
import type { SparseVector } from './tfidf-vectorizer.ts';

/** Weights are feature-major (`weights[col * classes + k]`) so scoring a sparse vector reads contiguous rows. */
export interface LinearModel {
  dim: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface LinearTrainOptions {
  /**
   * `svm`: one-vs-rest squared-hinge SVMs solved exactly by dual coordinate descent ({@link trainLinearSvm}; uses
   * `c`, ignores the SGD fields). `sgd`: stochastic steps with the shared optimisers on `loss` (what feedback's
   * online step uses too).
   */
  solver: 'sgd' | 'svm';
  /** SVM only: inverse regularisation strength (liblinear / LinearSVC's C). */
  c: number;
  /** `softmax` (cross-entropy) or `hinge` (Crammer-Singer multiclass hinge: only two rows change per step). */
  loss: 'softmax' | 'hinge' | 'squared_hinge';
  optimizer: OptimizerKind;
  learningRate: number;
  epochs: number;
  /** L2 penalty applied to the touched rows only, which keeps steps sparse. */
  l2: number;
  /**
   * Hinge only: an example that cleared its margin by `shrinkMargin` or more is skipped next epoch (liblinear's
   * shrinking idea); the last epoch visits everything. Scoring all classes dominates the cost, so this saves
   * most of the late epochs. 0 turns it off.
   */
  shrinkMargin: number;
}

export const DEFAULT_LINEAR: LinearTrainOptions = Object.freeze({
  solver: 'sgd',
  c: 1,
  loss: 'hinge',
  optimizer: 'adagrad',
  learningRate: 0.3,
  epochs: 12,
  l2: 0,
  shrinkMargin: 0,
});

// Softmax gradients this small are skipped: after the first epoch most classes sit near zero probability.
const MIN_GRADIENT = 1e-4;

/** Raw scores of one vector into `out` (length = classes). */
export function scoreInto(model: LinearModel, x: SparseVector, out: Float64Array): void {
  const { classes, weights, bias } = model;
  for (let k = 0; k < classes; k++) out[k] = bias[k] as number;
  const { indices, values } = x;
  for (let i = 0; i < indices.length; i++) {
    const base = (indices[i] as number) * classes;
    const v = values[i] as number;
    for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + v * (weights[base + k] as number);
  }
}

/** Softmax of `scores / temperature` in place; returns the index of the largest. */
export function softmaxInPlace(scores: Float64Array, temperature = 1): number {
  let best = 0;
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) {
    if ((scores[k] as number) > max) {
      max = scores[k] as number;
      best = k;
    }
  }
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp(((scores[k] as number) - max) / temperature);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] as number) / sum;
  return best;
}

function applyRow(
  opt: Optimizer,
  model: LinearModel,
  x: SparseVector,
  k: number,
  g: number,
  l2: number,
): void {
  const { classes, weights } = model;
  const { indices, values } = x;
  for (let i = 0; i < indices.length; i++) {
    const slot = (indices[i] as number) * classes + k;
    opt.update(weights, slot, g * (values[i] as number) + l2 * (weights[slot] as number));
  }
}

/**
 * One stochastic step on example `(x, y)`. Returns, for hinge, the margin violation `1 + rival - true`
 * (no step when it is <= 0); for softmax, the cross-entropy before the step. Used by training and feedback.
 */
export function stepExample(
  model: LinearModel,
  x: SparseVector,
  y: number,
  loss: LinearTrainOptions['loss'],
  opt: Optimizer,
  biasOpt: Optimizer,
  l2: number,
  scratch: Float64Array,
  weight = 1,
): number {
  scoreInto(model, x, scratch);
  if (loss !== 'softmax') {
    let rival = -1;
    let rivalScore = -Infinity;
    for (let k = 0; k < model.classes; k++) {
      if (k !== y && (scratch[k] as number) > rivalScore) {
        rivalScore = scratch[k] as number;
        rival = k;
      }
    }
    const margin = 1 + rivalScore - (scratch[y] as number);
    if (margin <= 0 || rival < 0) return margin;
    // Squared hinge pushes in proportion to the violation (LinearSVC's default loss).
    const g = loss === 'squared_hinge' ? 2 * margin * weight : weight;
    applyRow(opt, model, x, y, -g, l2);
    applyRow(opt, model, x, rival, g, l2);
    biasOpt.update(model.bias, y, -g);
    biasOpt.update(model.bias, rival, g);
    return margin;
  }
  softmaxInPlace(scratch);
  const loss0 = -Math.log(Math.max(scratch[y] as number, 1e-12));
  for (let k = 0; k < model.classes; k++) {
    const g = weight * ((scratch[k] as number) - (k === y ? 1 : 0));
    if (Math.abs(g) < MIN_GRADIENT) continue;
    applyRow(opt, model, x, k, g, l2);
    biasOpt.update(model.bias, k, g);
  }
  return loss0;
}

/** A model under training: keeps its optimiser state, so training can continue on more data. */
export interface LinearTrainer {
  readonly model: LinearModel;
  /** Runs `epochs` shuffled passes over `(xs, ys)`, weighting example i by `sampleWeights[i]` (default 1). */
  train(
    xs: readonly SparseVector[],
    ys: Int32Array,
    epochs: number,
    rng: Rng,
    sampleWeights?: Float32Array,
  ): void;
}

/** A fresh zero model with its optimisers (one state slot per weight). */
export function createLinearTrainer(
  classes: number,
  dim: number,
  options: Partial<LinearTrainOptions> = {},
): LinearTrainer {
  const o: LinearTrainOptions = { ...DEFAULT_LINEAR, ...options };
  const model: LinearModel = {
    dim,
    classes,
    weights: new Float32Array(dim * classes),
    bias: new Float32Array(classes),
  };
  const opt = createOptimizer({ kind: o.optimizer, learningRate: o.learningRate }, model.weights.length);
  const biasOpt = createOptimizer({ kind: o.optimizer, learningRate: o.learningRate }, classes);
  const scratch = new Float64Array(classes);
  const shrink = o.loss !== 'softmax' && o.shrinkMargin > 0;
  return {
    model,
    train(xs, ys, epochs, rng, sampleWeights) {
      const order = new Int32Array(xs.length);
      for (let i = 0; i < order.length; i++) order[i] = i;
      const skip = new Uint8Array(xs.length);
      for (let epoch = 0; epoch < epochs; epoch++) {
        rng.shuffle(order);
        const last = epoch === epochs - 1;
        for (let n = 0; n < order.length; n++) {
          const i = order[n] as number;
          if (shrink && !last && skip[i] === 1) {
            skip[i] = 0;
            continue;
          }
          const w = sampleWeights === undefined ? 1 : (sampleWeights[i] as number);
          const result = stepExample(
            model,
            xs[i] as SparseVector,
            ys[i] as number,
            o.loss,
            opt,
            biasOpt,
            o.l2,
            scratch,
            w,
          );
          if (shrink) skip[i] = result <= -o.shrinkMargin ? 1 : 0;
        }
      }
    },
  };
}

/**
 * Trains a linear model on sparse vectors `xs` with labels `ys` (0..classes-1), shuffling each epoch with `rng`.
 *
 * @example const model = trainLinearModel(xs, ys, 77, vectorizer.dim, createRng(1));
 */
export function trainLinearModel(
  xs: readonly SparseVector[],
  ys: Int32Array,
  classes: number,
  dim: number,
  rng: Rng,
  options: Partial<LinearTrainOptions> = {},
  sampleWeights?: Float32Array,
): LinearModel {
  const trainer = createLinearTrainer(classes, dim, options);
  trainer.train(xs, ys, options.epochs ?? DEFAULT_LINEAR.epochs, rng, sampleWeights);
  return trainer.model;
}
