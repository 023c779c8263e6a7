// A small neural intent model over the classifier's sparse features: h = relu(E^T x + c), softmax(W h + b).
// E is the learned embedding (w = Ex) of every n-gram; trained by AdaGrad with input and hidden dropout.
import type { Rng } from '@suite/shared/ml';
import type { SparseVector } from './tfidf-vectorizer.ts';

/** The trained weights; plain typed arrays so the classifier artifact stores them as they are. */
export interface HiddenLayerModel {
  dim: number;
  hidden: number;
  classes: number;
  /** Feature-major embedding rows: `input[col * hidden + q]`. */
  input: Float32Array;
  hiddenBias: Float32Array;
  /** Class-major: `output[k * hidden + q]`. */
  output: Float32Array;
  outputBias: Float32Array;
}

export interface HiddenLayerOptions {
  hidden: number;
  epochs: number;
  /** AdaGrad's base rate. */
  learningRate: number;
  /** Share of hidden units dropped per step (inverted dropout: kept units are scaled up while training). */
  dropout: number;
  /** Share of a message's features dropped per step: the model cannot lean on one n-gram. */
  inputDropout: number;
  /** Standard deviation of the initial embedding rows. */
  initScale: number;
}

export const DEFAULT_HIDDEN_LAYER: HiddenLayerOptions = Object.freeze({
  hidden: 64,
  epochs: 10,
  learningRate: 0.05,
  dropout: 0.2,
  inputDropout: 0.2,
  initScale: 0.1,
});

// Softmax gradients this small are skipped: after the first epochs most classes sit near zero probability.
const MIN_GRADIENT = 1e-4;
const ADAGRAD_START = 1e-8;

/**
 * Class probabilities of one vector into `out` (length = classes); `h` is scratch of length `hidden`. With a
 * `train` argument it applies dropout and leaves the ReLU-and-dropout factors in `train.mask`.
 */
export function hiddenLayerProbabilities(
  m: HiddenLayerModel,
  x: SparseVector,
  out: Float64Array,
  h: Float64Array,
  train?: { rng: Rng; keep: Uint8Array; mask: Float64Array; dropout: number },
): void {
  const H = m.hidden;
  for (let q = 0; q < H; q++) h[q] = m.hiddenBias[q] as number;
  for (let j = 0; j < x.indices.length; j++) {
    if (train !== undefined && train.keep[j] === 0) continue;
    const base = (x.indices[j] as number) * H;
    const v = x.values[j] as number;
    for (let q = 0; q < H; q++) h[q] = (h[q] as number) + v * (m.input[base + q] as number);
  }
  for (let q = 0; q < H; q++) {
    let factor = (h[q] as number) > 0 ? 1 : 0;
    if (train !== undefined) {
      factor = train.rng.next() < train.dropout ? 0 : factor / (1 - train.dropout);
      train.mask[q] = factor;
    }
    h[q] = (h[q] as number) * factor;
  }
  let max = -Infinity;
  for (let k = 0; k < m.classes; k++) {
    let s = m.outputBias[k] as number;
    const base = k * H;
    for (let q = 0; q < H; q++) s += (m.output[base + q] as number) * (h[q] as number);
    out[k] = s;
    if (s > max) max = s;
  }
  let sum = 0;
  for (let k = 0; k < m.classes; k++) sum += out[k] = Math.exp((out[k] as number) - max);
  for (let k = 0; k < m.classes; k++) out[k] = (out[k] as number) / sum;
}

/** One AdaGrad step on `params[at]` with gradient `g`, its squared-gradient sum in `acc[at]`. */
function adagrad(params: Float32Array, acc: Float32Array, at: number, g: number, rate: number): void {
  acc[at] = (acc[at] as number) + g * g;
  params[at] = (params[at] as number) - (rate * g) / Math.sqrt(acc[at] as number);
}

/**
 * Trains the model by softmax cross-entropy, one shuffled pass per epoch; only the embedding rows of a message's
 * features move on its step, so a step costs (features + classes) x hidden. `weights` scale each example's
 * gradient (an augmented copy counts less than a real utterance); all 1 without them.
 *
 * @example const m = trainHiddenLayerModel(xs, ys, 31, vectorizer.dim, createRng(1));
 */
export function trainHiddenLayerModel(
  xs: readonly SparseVector[],
  ys: Int32Array,
  classes: number,
  dim: number,
  rng: Rng,
  options: Partial<HiddenLayerOptions> = {},
  weights?: Float32Array,
): HiddenLayerModel {
  const o: HiddenLayerOptions = { ...DEFAULT_HIDDEN_LAYER, ...options };
  const H = o.hidden;
  const m: HiddenLayerModel = {
    dim,
    hidden: H,
    classes,
    input: new Float32Array(dim * H),
    hiddenBias: new Float32Array(H),
    output: new Float32Array(classes * H),
    outputBias: new Float32Array(classes),
  };
  for (let i = 0; i < m.input.length; i++) m.input[i] = rng.normal() * o.initScale;
  for (let i = 0; i < m.output.length; i++) m.output[i] = rng.normal() * Math.sqrt(2 / H);
  const acc = {
    input: new Float32Array(m.input.length).fill(ADAGRAD_START),
    hiddenBias: new Float32Array(H).fill(ADAGRAD_START),
    output: new Float32Array(m.output.length).fill(ADAGRAD_START),
    outputBias: new Float32Array(classes).fill(ADAGRAD_START),
  };
  const h = new Float64Array(H);
  const dh = new Float64Array(H);
  const p = new Float64Array(classes);
  const train = { rng, keep: new Uint8Array(64), mask: new Float64Array(H), dropout: o.dropout };
  const rate = o.learningRate;
  const order = Array.from(xs, (_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    rng.shuffle(order);
    for (const i of order) {
      const x = xs[i] as SparseVector;
      if (train.keep.length < x.indices.length) train.keep = new Uint8Array(2 * x.indices.length);
      for (let j = 0; j < x.indices.length; j++) train.keep[j] = rng.next() < o.inputDropout ? 0 : 1;
      hiddenLayerProbabilities(m, x, p, h, train);
      dh.fill(0);
      const weight = weights === undefined ? 1 : (weights[i] as number);
      for (let k = 0; k < classes; k++) {
        const g = weight * ((p[k] as number) - (k === ys[i] ? 1 : 0));
        if (Math.abs(g) < MIN_GRADIENT) continue;
        const base = k * H;
        for (let q = 0; q < H; q++) {
          dh[q] = (dh[q] as number) + g * (m.output[base + q] as number);
          adagrad(m.output, acc.output, base + q, g * (h[q] as number), rate);
        }
        adagrad(m.outputBias, acc.outputBias, k, g, rate);
      }
      for (let q = 0; q < H; q++) {
        dh[q] = (dh[q] as number) * (train.mask[q] as number);
        adagrad(m.hiddenBias, acc.hiddenBias, q, dh[q] as number, rate);
      }
      for (let j = 0; j < x.indices.length; j++) {
        if (train.keep[j] === 0) continue;
        const base = (x.indices[j] as number) * H;
        const v = x.values[j] as number;
        for (let q = 0; q < H; q++) {
          const g = v * (dh[q] as number);
          if (g !== 0) adagrad(m.input, acc.input, base + q, g, rate);
        }
      }
    }
  }
  return m;
}

/**
 * Online learning of one labelled message (feedback): plain gradient steps of softmax cross-entropy, no dropout,
 * until the model gives class `y` at least `target` probability or `maxSteps` were taken. Every weight the message
 * reaches moves (its embedding rows, the hidden and output layers), as a training step would. Returns the steps taken.
 *
 * @example learnHiddenLayerModel(member.model, x, labels.indexOf('cancel'), { rate: 0.5, target: 0.9, maxSteps: 5 });
 */
export function learnHiddenLayerModel(
  m: HiddenLayerModel,
  x: SparseVector,
  y: number,
  o: { rate: number; target: number; maxSteps: number },
): number {
  const H = m.hidden;
  const p = new Float64Array(m.classes);
  const h = new Float64Array(H);
  const dh = new Float64Array(H);
  for (let step = 0; step < o.maxSteps; step++) {
    hiddenLayerProbabilities(m, x, p, h);
    if ((p[y] as number) >= o.target) return step;
    dh.fill(0);
    for (let k = 0; k < m.classes; k++) {
      const g = (p[k] as number) - (k === y ? 1 : 0);
      const base = k * H;
      for (let q = 0; q < H; q++) {
        dh[q] = (dh[q] as number) + g * (m.output[base + q] as number);
        m.output[base + q] = (m.output[base + q] as number) - o.rate * g * (h[q] as number);
      }
      m.outputBias[k] = (m.outputBias[k] as number) - o.rate * g;
    }
    for (let q = 0; q < H; q++) {
      // Through the ReLU: a unit that was off passes no gradient.
      const g = (h[q] as number) > 0 ? (dh[q] as number) : 0;
      m.hiddenBias[q] = (m.hiddenBias[q] as number) - o.rate * g;
      for (let j = 0; j < x.indices.length; j++) {
        const at = (x.indices[j] as number) * H + q;
        m.input[at] = (m.input[at] as number) - o.rate * g * (x.values[j] as number);
      }
    }
  }
  return o.maxSteps;
}
