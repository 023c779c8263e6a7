// Candidates of issue 11 (1 Dec 2026) on soft targets: a multinomial logistic (softmax) head trained on the app's own
// features beside its hinge model, label smoothing, self-distillation from the app's probabilities (in-sample or
// out-of-fold), and mixup; each head alone or averaged with the app before its class offsets, as the app averages
// its hidden-layer member. Research form: the app trains as shipped, the head reads `clf.features`. None held on fresh
// folds (bench/RESULTS.md, 1 Dec 2026, 11:05 UTC), so the app has no head.
import { createRng } from '@suite/shared/ml';
import { memberFeatures } from '../../src/nlp/hidden-layer-member.ts';
import { hiddenLayerProbabilities } from '../../src/nlp/hidden-layer-model.ts';
import { createLinearTrainer, scoreInto, softmaxInPlace } from '../../src/nlp/linear-model.ts';
import { fitTemperature } from '../../src/nlp/temperature.ts';
import { createVectorizer, type SparseVector } from '../../src/nlp/tfidf-vectorizer.ts';
import {
  DEFAULT_INTENT_TRAINING,
  trainIntentClassifier,
  type IntentTrainOptions,
} from '../../src/nlp/train-intent-classifier.ts';
import type { IntentClassifier } from '../../src/nlp/intent-classifier.ts';
import type { IntentRow } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';
import { distilledTargets, smoothedTargets, trainSoftModel, type SoftTrainOptions } from './soft-targets.ts';

/** The app's answer split in its parts: features, calibrated probabilities before the offsets, the offsets. */
export interface AppParts {
  clf: IntentClassifier;
  features(text: string): SparseVector;
  /** softmax(s / (T tau)), averaged with the member's probabilities when the app has one; no offsets. */
  probabilities(x: SparseVector, out: Float64Array, tau?: number): void;
  /** p <- p exp(b), renormalised (the app's last step); nothing without offsets. */
  applyOffsets(p: Float64Array): void;
}

/** Splits a trained classifier as its `predict` computes (checked: the argmax equals `predict`'s intent). */
export function appParts(clf: IntentClassifier): AppParts {
  const d = clf.data;
  const vdim = createVectorizer(d.vectorizer).dim;
  const charDim = d.charEmbeddings?.dim ?? 0;
  const charAt = vdim + d.embeddingDim;
  const member = d.hiddenLayer;
  const q = new Float64Array(d.labels.length);
  const h = new Float64Array(member?.model.hidden ?? 0);
  return {
    clf,
    features: (text) => clf.features(text),
    probabilities(x, out, tau = 1) {
      scoreInto(d.model, x, out);
      softmaxInPlace(out, d.temperature * tau);
      if (member === null) return;
      // The member reads the TF-IDF columns and the character block (unscaled), as the classifier hands them over.
      const keep: number[] = [];
      const chars = charDim > 0 ? new Float32Array(charDim) : undefined;
      x.indices.forEach((col, i) => {
        if (col < vdim) keep.push(i);
        else if (chars !== undefined && col >= charAt && col < charAt + charDim)
          chars[col - charAt] = (x.values[i] as number) / d.charEmbeddingWeight;
      });
      const tfidf = {
        indices: Int32Array.from(keep, (i) => x.indices[i] as number),
        values: Float32Array.from(keep, (i) => x.values[i] as number),
      };
      hiddenLayerProbabilities(
        member.model,
        memberFeatures(tfidf, vdim, chars, charDim, member.charWeight),
        q,
        h,
      );
      for (let k = 0; k < out.length; k++)
        out[k] = (1 - member.weight) * (out[k] as number) + member.weight * (q[k] as number);
    },
    applyOffsets(p) {
      const b = d.classOffsets;
      if (b === null) return;
      let z = 0;
      for (let k = 0; k < p.length; k++) z += p[k] = (p[k] as number) * Math.exp(b[k] as number);
      for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) / z;
    },
  };
}

/** The app of one fold, trained once and shared by every candidate of the run (the fold loop shares `fit`). */
const apps = new WeakMap<object, { parts: AppParts; xs: SparseVector[] }>();
function appOfFold(fit: IntentRow[], options: Partial<IntentTrainOptions>, key: object) {
  let hit = apps.get(key);
  if (hit === undefined) {
    const parts = appParts(trainIntentClassifier(fit, options));
    apps.set(key, (hit = { parts, xs: fit.map((r) => parts.features(r.text)) }));
  }
  return hit;
}

/** Where a head's targets come from. */
export type TargetSource =
  | { kind: 'hard' }
  | { kind: 'smooth'; eps: number }
  | { kind: 'in-sample'; alpha: number; tau: number }
  | { kind: 'out-of-fold'; alpha: number; folds: number };

export interface HeadSpec {
  targets: TargetSource;
  /** Weight of the head in the average with the app (1: the head alone, still with the app's offsets). */
  weight: number;
  /** `mean`: (1 - w) p + w q; `geometric`: p^(1 - w) q^w, renormalised. */
  combine: 'mean' | 'geometric';
  soft?: Partial<SoftTrainOptions>;
  /** Seed of the head's own stream. */
  seed?: number;
}

/** Out-of-fold probabilities of every row from `folds` hinge models (the app's linear options) on the app's features. */
function outOfFold(xs: SparseVector[], ys: Int32Array, classes: number, dim: number, folds: number) {
  const rng = createRng(4242);
  const order = Int32Array.from(xs.keys());
  rng.shuffle(order);
  const fold = new Int32Array(xs.length);
  order.forEach((i, n) => (fold[i] = n % folds));
  const scores = new Float64Array(xs.length * classes);
  const row = new Float64Array(classes);
  const linear = DEFAULT_INTENT_TRAINING.linear;
  for (let f = 0; f < folds; f++) {
    const inFit = [...xs.keys()].filter((i) => fold[i] !== f);
    const t = createLinearTrainer(classes, dim, linear);
    const epochs = (linear.epochs ?? 12) + DEFAULT_INTENT_TRAINING.refitEpochs;
    t.train(
      inFit.map((i) => xs[i] as SparseVector),
      Int32Array.from(inFit, (i) => ys[i] as number),
      epochs,
      rng.fork(),
    );
    xs.forEach((x, i) => {
      if (fold[i] !== f) return;
      scoreInto(t.model, x, row);
      scores.set(row, i * classes);
    });
  }
  const temperature = fitTemperature(scores, ys, classes);
  for (let i = 0; i < xs.length; i++)
    softmaxInPlace(scores.subarray(i * classes, (i + 1) * classes), temperature);
  return scores;
}

/** The targets of a head on the fold's rows. */
function targetsOf(
  s: TargetSource,
  ys: Int32Array,
  classes: number,
  parts: AppParts,
  xs: SparseVector[],
): Float64Array {
  if (s.kind === 'hard') return smoothedTargets(ys, classes, 0);
  if (s.kind === 'smooth') return smoothedTargets(ys, classes, s.eps);
  const dim = parts.clf.data.model.dim;
  if (s.kind === 'out-of-fold')
    return distilledTargets(ys, outOfFold(xs, ys, classes, dim, s.folds), classes, s.alpha);
  const teacher = new Float64Array(ys.length * classes);
  const p = new Float64Array(classes);
  xs.forEach((x, i) => {
    parts.probabilities(x, p, s.tau);
    parts.applyOffsets(p);
    teacher.set(p, i * classes);
  });
  return distilledTargets(ys, teacher, classes, s.alpha);
}

/** The app with a softmax head on its features; `weight` 0 is the app itself (through the parts: an emulation check). */
export function withHead(spec: HeadSpec, options: Partial<IntentTrainOptions> = {}): Candidate {
  return (fit, labels) => {
    const { parts, xs } = appOfFold(fit, options, fit);
    const classes = labels.length;
    const map = labels.map((l) => parts.clf.labels.indexOf(l));
    if (map.some((j, k) => j !== k)) throw new Error('the app orders its labels as the bench does');
    const ys = Int32Array.from(fit, (r) => labels.indexOf(r.intent));
    const dim = parts.clf.data.model.dim;
    const head =
      spec.weight === 0
        ? undefined
        : trainSoftModel(
            xs,
            targetsOf(spec.targets, ys, classes, parts, xs),
            ys,
            classes,
            dim,
            createRng(spec.seed ?? 17),
            spec.soft,
          );
    const q = new Float64Array(classes);
    return (text) => {
      const x = parts.features(text);
      const p = new Float64Array(classes);
      parts.probabilities(x, p);
      if (head !== undefined) {
        scoreInto(head.model, x, q);
        softmaxInPlace(q, head.temperature);
        const w = spec.weight;
        if (spec.combine === 'mean')
          for (let k = 0; k < classes; k++) p[k] = (1 - w) * (p[k] as number) + w * (q[k] as number);
        else {
          let z = 0;
          for (let k = 0; k < classes; k++)
            z += p[k] = Math.exp(
              (1 - w) * Math.log(Math.max(p[k] as number, 1e-300)) +
                w * Math.log(Math.max(q[k] as number, 1e-300)),
            );
          for (let k = 0; k < classes; k++) p[k] = (p[k] as number) / z;
        }
      }
      parts.applyOffsets(p);
      if (spec.weight === 0 && labels[argmaxOf(p)] !== parts.clf.predict(text).intent)
        throw new Error(`the parts disagree with predict on ${text}`);
      return p;
    };
  };
}

function argmaxOf(a: Float64Array): number {
  let b = 0;
  for (let k = 1; k < a.length; k++) if ((a[k] as number) > (a[b] as number)) b = k;
  return b;
}

const hard = { kind: 'hard' } as const;
const mean = (targets: TargetSource, weight: number, soft?: Partial<SoftTrainOptions>): HeadSpec => ({
  targets,
  weight,
  combine: 'mean',
  ...(soft === undefined ? {} : { soft }),
});

/** The registry (`intent-cv.ts --only='sd: app|sd: ...'`); "sd: app" is the shipped app through the parts. */
export function distillCandidates(): Record<string, Candidate> {
  const c: Record<string, HeadSpec> = {
    'sd: app': mean(hard, 0),
    'sd: softmax alone': mean(hard, 1),
    'sd: softmax alone lr 0.05': mean(hard, 1, { learningRate: 0.05 }),
    'sd: softmax alone lr 0.2': mean(hard, 1, { learningRate: 0.2 }),
    'sd: softmax alone lr 0.4': mean(hard, 1, { learningRate: 0.4 }),
    'sd: + softmax 0.3': mean(hard, 0.3),
    'sd: + softmax 0.5': mean(hard, 0.5),
    'sd: + softmax 0.5 geometric': { ...mean(hard, 0.5), combine: 'geometric' },
    'sd: ls 0.1 alone': mean({ kind: 'smooth', eps: 0.1 }, 1),
    'sd: + ls 0.1 at 0.5': mean({ kind: 'smooth', eps: 0.1 }, 0.5),
    'sd: + ls 0.2 at 0.5': mean({ kind: 'smooth', eps: 0.2 }, 0.5),
    // Cheaper heads (the 12 + 2 epochs above cost about 1.5x the app's own training CPU).
    'sd: + ls 0.1 at 0.5, 6 + 1 epochs': mean({ kind: 'smooth', eps: 0.1 }, 0.5, {
      epochs: 6,
      refitEpochs: 1,
    }),
    'sd: + ls 0.1 at 0.5, 4 + 1 epochs': mean({ kind: 'smooth', eps: 0.1 }, 0.5, {
      epochs: 4,
      refitEpochs: 1,
    }),
    'sd: kd in-sample a0.5 t3 alone': mean({ kind: 'in-sample', alpha: 0.5, tau: 3 }, 1),
    'sd: + kd in-sample a0.5 t3 at 0.5': mean({ kind: 'in-sample', alpha: 0.5, tau: 3 }, 0.5),
    'sd: kd oof2 a0.5 alone': mean({ kind: 'out-of-fold', alpha: 0.5, folds: 2 }, 1),
    'sd: + kd oof2 a0.5 at 0.5': mean({ kind: 'out-of-fold', alpha: 0.5, folds: 2 }, 0.5),
    'sd: + kd oof3 a0.3 at 0.5': mean({ kind: 'out-of-fold', alpha: 0.3, folds: 3 }, 0.5),
    'sd: mixup 0.4 alone': mean(hard, 1, { mixupAlpha: 0.4 }),
    'sd: + mixup 0.4 at 0.5': mean(hard, 0.5, { mixupAlpha: 0.4 }),
  };
  return Object.fromEntries(Object.entries(c).map(([name, spec]) => [name, withHead(spec)]));
}
