// Research hooks (issue 11, 1 Dec 2026): the linear model's weights averaged over its own SGD steps (Polyak-Ruppert
// averaging) or over several models trained on other shuffles or bootstrap draws of the same rows (a bag). A linear
// model's mean score is the score of its mean weights, so either one predicts at the cost of a single model.
import { createOptimizer, type Optimizer, type Rng } from '@suite/shared/ml';
import {
  createLinearTrainer,
  DEFAULT_LINEAR,
  stepExample,
  type LinearModel,
  type LinearTrainer,
  type LinearTrainOptions,
} from './linear-model.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

export interface LinearEnsembleOptions {
  /** Average the weights over every step from this epoch on (counted over all `train` calls); off when absent. */
  averageFrom?: number;
  /** Models in the bag (1: none); their weights are averaged after every `train` call. */
  bag?: number;
  /** Each bagged model weighs every row by a Poisson(1) draw (a bootstrap sample) instead of only reshuffling. */
  bootstrap?: boolean;
}

function emptyModel(classes: number, dim: number): LinearModel {
  return { dim, classes, weights: new Float32Array(dim * classes), bias: new Float32Array(classes) };
}

/** Lazily kept running sums of one parameter array: a slot's sum is brought up to date when the slot changes. */
class RunningMean {
  readonly sum: Float64Array;
  readonly last: Float64Array;
  constructor(size: number) {
    this.sum = new Float64Array(size);
    this.last = new Float64Array(size);
  }
  touch(w: Float32Array | Float64Array, i: number, t: number): void {
    this.sum[i] = (this.sum[i] as number) + (w[i] as number) * (t - (this.last[i] as number));
    this.last[i] = t;
  }
  writeMean(w: Float32Array, out: Float32Array, t: number): void {
    for (let i = 0; i < w.length; i++)
      out[i] =
        t === 0
          ? (w[i] as number)
          : ((this.sum[i] as number) + (w[i] as number) * (t - (this.last[i] as number))) / t;
  }
}

/** A trainer whose `model` is the mean of the raw weights over every step since epoch `averageFrom`. */
function createAveragingTrainer(
  classes: number,
  dim: number,
  o: LinearTrainOptions,
  averageFrom: number,
): LinearTrainer {
  const raw = emptyModel(classes, dim);
  const model = emptyModel(classes, dim);
  const means = { w: new RunningMean(raw.weights.length), b: new RunningMean(classes) };
  const kind = { kind: o.optimizer, learningRate: o.learningRate };
  const clock = { t: 0, on: false, epochs: 0 };
  const wrap = (inner: Optimizer, mean: RunningMean): Optimizer => ({
    kind: inner.kind,
    options: inner.options,
    state: inner.state,
    step: (w, g) => inner.step(w, g),
    reset: () => inner.reset(),
    update(w, i, g) {
      if (clock.on) mean.touch(w, i, clock.t);
      inner.update(w, i, g);
    },
  });
  const opt = wrap(createOptimizer(kind, raw.weights.length), means.w);
  const biasOpt = wrap(createOptimizer(kind, classes), means.b);
  const scratch = new Float64Array(classes);
  return {
    model,
    train(xs, ys, epochs, rng, sampleWeights) {
      const order = new Int32Array(xs.length);
      for (let i = 0; i < order.length; i++) order[i] = i;
      // The plain trainer's shrinking: a row that cleared its margin by `shrinkMargin` skips the next epoch.
      const skip = new Uint8Array(xs.length);
      const shrink = o.loss !== 'softmax' && o.shrinkMargin > 0;
      for (let epoch = 0; epoch < epochs; epoch++, clock.epochs++) {
        if (clock.epochs === averageFrom) clock.on = true;
        rng.shuffle(order);
        const last = epoch === epochs - 1;
        for (const i of order) {
          // The clock counts finished steps: a slot changed during a step holds its new value from that step's end.
          if (shrink && !last && skip[i] === 1) skip[i] = 0;
          else {
            const w = sampleWeights === undefined ? 1 : (sampleWeights[i] as number);
            const x = xs[i] as SparseVector;
            const r = stepExample(raw, x, ys[i] as number, o.loss, opt, biasOpt, o.l2, scratch, w);
            if (shrink) skip[i] = r <= -o.shrinkMargin ? 1 : 0;
          }
          if (clock.on) clock.t++;
        }
      }
      means.w.writeMean(raw.weights, model.weights, clock.t);
      means.b.writeMean(raw.bias, model.bias, clock.t);
    },
  };
}

/** Poisson(1) draws, one per row (Knuth's method): a bootstrap sample's multiplicities. */
function poissonWeights(n: number, rng: Rng, base?: Float32Array): Float32Array {
  const out = new Float32Array(n);
  const limit = Math.exp(-1);
  for (let i = 0; i < n; i++) {
    let k = 0;
    for (let p = rng.next(); p > limit; p *= rng.next()) k++;
    out[i] = k * (base === undefined ? 1 : (base[i] as number));
  }
  return out;
}

/**
 * The linear trainer the options ask for: the plain one ({@link createLinearTrainer}), one averaging its steps, or a
 * bag of either whose `model` is the mean of the members' weights.
 */
export function createEnsembleTrainer(
  classes: number,
  dim: number,
  options: Partial<LinearTrainOptions> & LinearEnsembleOptions,
): LinearTrainer {
  const o: LinearTrainOptions = { ...DEFAULT_LINEAR, ...options };
  const single = () =>
    options.averageFrom === undefined
      ? createLinearTrainer(classes, dim, options)
      : createAveragingTrainer(classes, dim, o, options.averageFrom);
  const bag = options.bag ?? 1;
  if (bag <= 1) return single();
  const members = Array.from({ length: bag }, single);
  const model = emptyModel(classes, dim);
  return {
    model,
    train(xs, ys, epochs, rng, sampleWeights) {
      for (const m of members) {
        const r = rng.fork();
        const w = options.bootstrap === true ? poissonWeights(xs.length, r, sampleWeights) : sampleWeights;
        m.train(xs, ys, epochs, r, w);
      }
      model.weights.fill(0);
      model.bias.fill(0);
      for (const m of members) {
        for (let i = 0; i < model.weights.length; i++)
          model.weights[i] = (model.weights[i] as number) + (m.model.weights[i] as number) / bag;
        for (let k = 0; k < classes; k++)
          model.bias[k] = (model.bias[k] as number) + (m.model.bias[k] as number) / bag;
      }
    },
  };
}
