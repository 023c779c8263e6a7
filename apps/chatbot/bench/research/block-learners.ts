// Research only: learners over feature blocks (one-vs-rest SVM, the app's SGD hinge, softmax regression,
// multinomial NB) and their blends, each scorer's scores put on a common scale before they are summed.
import { createRng } from '@suite/shared/ml';
import { createLinearTrainer, scoreInto, type LinearTrainOptions } from '../../src/nlp/linear-model.ts';
import { trainLinearSvm } from '../../src/nlp/linear-svm.ts';
import type { SparseVector } from '../../src/nlp/tfidf-vectorizer.ts';
import { fitFeatures, type FeatureOptions, type Featurizer, type Message } from './feature-blocks.ts';

/** Scores of every class for one message. */
export type MsgScorer = (m: Message) => Float64Array;
/** Trains on messages `ms` with labels `ys` (0..classes-1). */
export type Learner = (ms: readonly Message[], ys: Int32Array, classes: number) => MsgScorer;

type Fitter = (
  xs: SparseVector[],
  ys: Int32Array,
  classes: number,
  dim: number,
) => (x: SparseVector) => Float64Array;

function linearScorer(model: Parameters<typeof scoreInto>[0]) {
  return (x: SparseVector) => {
    const out = new Float64Array(model.classes);
    scoreInto(model, x, out);
    return out;
  };
}

export const svmFit =
  (c: number): Fitter =>
  (xs, ys, classes, dim) =>
    linearScorer(trainLinearSvm(xs, ys, classes, dim, createRng(1), { c }));

export const sgdFit =
  (options: Partial<LinearTrainOptions>, epochs: number, seed = 1): Fitter =>
  (xs, ys, classes, dim) => {
    const t = createLinearTrainer(classes, dim, options);
    t.train(xs, ys, epochs, createRng(seed));
    return linearScorer(t.model);
  };

/** The app's SGD hinge settings (AdaGrad 0.05, shrinking), 14 passes as its 12 + 2 refit. */
export const APP_SGD = sgdFit(
  { loss: 'hinge', optimizer: 'adagrad', learningRate: 0.05, shrinkMargin: 0.25 },
  14,
);
/** Softmax regression, AdaGrad. */
export const softmaxFit = (lr: number, epochs: number, l2 = 0): Fitter =>
  sgdFit({ loss: 'softmax', optimizer: 'adagrad', learningRate: lr, l2 }, epochs);

/** Multinomial naive Bayes over the feature values (TF-IDF as fractional counts), smoothing `a`. */
export const nbFit =
  (a: number): Fitter =>
  (xs, ys, classes, dim) => {
    const w = new Float64Array(dim * classes);
    const tot = new Float64Array(classes);
    const prior = new Float64Array(classes);
    xs.forEach((x, i) => {
      const k = ys[i] as number;
      prior[k] = (prior[k] as number) + 1;
      for (let j = 0; j < x.indices.length; j++) {
        const s = (x.indices[j] as number) * classes + k;
        w[s] = (w[s] as number) + (x.values[j] as number);
        tot[k] = (tot[k] as number) + (x.values[j] as number);
      }
    });
    for (let col = 0; col < dim; col++)
      for (let k = 0; k < classes; k++) {
        const s = col * classes + k;
        w[s] = Math.log(((w[s] as number) + a) / ((tot[k] as number) + a * dim));
      }
    return (x) => {
      const out = new Float64Array(classes);
      for (let k = 0; k < classes; k++) out[k] = Math.log(((prior[k] as number) + 1) / (xs.length + classes));
      for (let j = 0; j < x.indices.length; j++) {
        const base = (x.indices[j] as number) * classes;
        const v = x.values[j] as number;
        for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + v * (w[base + k] as number);
      }
      return out;
    };
  };

/** Features then a fitter: one learner. */
export function learner(features: FeatureOptions, fit: Fitter): Learner {
  return (ms, ys, classes) => {
    const f: Featurizer = fitFeatures(ms, features);
    const score = fit(
      ms.map((m) => f.transform(m)),
      ys,
      classes,
      f.dim,
    );
    return (m) => score(f.transform(m));
  };
}

/** Log-softmax of `s / t` in place. */
function logSoftmax(s: Float64Array, t: number): Float64Array {
  let max = -Infinity;
  for (const v of s) max = Math.max(max, v / t);
  let sum = 0;
  for (const v of s) sum += Math.exp(v / t - max);
  const lse = max + Math.log(sum);
  for (let k = 0; k < s.length; k++) s[k] = (s[k] as number) / t - lse;
  return s;
}

/**
 * Weighted sum of the members' log-probabilities, each member's scores turned into probabilities by a softmax at
 * its own temperature (`temps`): a probability average in log space, fixed weights (chosen by cross-validation).
 */
export function blendLearners(
  members: readonly Learner[],
  weights: readonly number[],
  temps: readonly number[],
): Learner {
  return (ms, ys, classes) => {
    const scorers = members.map((l) => l(ms, ys, classes));
    return (m) => {
      const out = new Float64Array(classes);
      scorers.forEach((s, i) => {
        const lp = logSoftmax(s(m), temps[i] as number);
        for (let k = 0; k < classes; k++)
          out[k] = (out[k] as number) + (weights[i] as number) * (lp[k] as number);
      });
      return out;
    };
  };
}

/** Bagging: members trained on bootstrap-free random subsets (`share` of rows) with their scores summed. */
export function subsetBag(member: Learner, count: number, share: number, seed = 1): Learner {
  return (ms, ys, classes) => {
    const rng = createRng(seed);
    const scorers = Array.from({ length: count }, () => {
      const keep = ms.map((_, i) => i).filter(() => rng.next() < share);
      return member(
        keep.map((i) => ms[i] as Message),
        Int32Array.from(keep, (i) => ys[i] as number),
        classes,
      );
    });
    return (m) => {
      const out = new Float64Array(classes);
      for (const s of scorers) {
        const v = s(m);
        for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + (v[k] as number);
      }
      return out;
    };
  };
}
