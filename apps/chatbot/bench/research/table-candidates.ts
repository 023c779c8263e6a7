// Candidates of issue 11 (1 Dec 2026, 17:00 UTC) on the shipped character table and the class offsets: the table's
// element-wise maximum over a message's characters beside its mean (in the sentence-embedding slot, the table kept),
// a nearest-neighbour member over the table's mean vectors alone (not the app's whole feature vector, which the
// 14:05 entry measured), and class offsets fitted on k-fold out-of-fold scores of the whole fold instead of one 20%
// share. Research form: the app trains as shipped; nothing here is in the app.
import { createRng } from '@suite/shared/ml';
import { fitOffsetsOnScores } from '../../src/nlp/class-offsets.ts';
import { createLinearTrainer, scoreInto } from '../../src/nlp/linear-model.ts';
import { getShippedCharTable } from '../../src/nlp/shipped-char-table.ts';
import { fitTemperature } from '../../src/nlp/temperature.ts';
import type { SparseVector } from '../../src/nlp/tfidf-vectorizer.ts';
import { DEFAULT_INTENT_TRAINING, trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';
import { appOfFold } from './retrieval-candidates.ts';

const normalise = (text: string): string => text.normalize('NFKC').toLowerCase();

function unit(a: Float32Array): Float32Array {
  let n = 0;
  for (const x of a) n += x * x;
  n = Math.sqrt(n) || 1;
  for (let i = 0; i < a.length; i++) a[i] = (a[i] as number) / n;
  return a;
}

/** Unit mean and unit element-wise max of the table vectors of a text's known characters. */
function pooled(text: string): { mean: Float32Array; max: Float32Array } {
  const t = getShippedCharTable().embeddings;
  const mean = new Float32Array(t.dim);
  const max = new Float32Array(t.dim).fill(-Infinity);
  let seen = 0;
  for (const ch of normalise(text)) {
    const v = t.vector(ch);
    if (v === undefined) continue;
    seen++;
    for (let c = 0; c < t.dim; c++) {
      mean[c] = (mean[c] as number) + (v[c] as number);
      max[c] = Math.max(max[c] as number, v[c] as number);
    }
  }
  if (seen === 0) max.fill(0);
  return { mean: unit(mean), max: unit(max) };
}

/** The app with the table's element-wise max appended at `weight` (the mean stays where the app puts it). */
function withTableMax(weight: number): Candidate {
  return (fit, labels) => {
    const rows = fit.map((r) => ({ ...r, embedding: pooled(r.text).max }));
    const clf = trainIntentClassifier(rows, { embeddingWeight: weight });
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text, pooled(text).max).intent)] = 1;
      return out;
    };
  };
}

/** The app averaged (before its offsets) with an m-nearest vote over the fold's rows by table-mean cosine. */
function withTableKnn(m: number, tau: number, weight: number): Candidate {
  return (fit, labels) => {
    const { parts } = appOfFold(fit);
    const classes = labels.length;
    const dim = getShippedCharTable().embeddings.dim;
    const bank = new Float32Array(fit.length * dim);
    fit.forEach((r, i) => bank.set(pooled(r.text).mean, i * dim));
    const ys = Int32Array.from(fit, (r) => labels.indexOf(r.intent));
    const sims = new Float64Array(fit.length);
    return (text) => {
      const p = new Float64Array(classes);
      parts.probabilities(parts.features(text), p);
      const q = pooled(text).mean;
      for (let i = 0; i < fit.length; i++) {
        let s = 0;
        for (let c = 0; c < dim; c++) s += (q[c] as number) * (bank[i * dim + c] as number);
        sims[i] = s;
      }
      const order = Array.from(sims.keys())
        .sort((a, b) => (sims[b] as number) - (sims[a] as number))
        .slice(0, m);
      const best = sims[order[0] as number] as number;
      if (best > 0) {
        const v = new Float64Array(classes);
        let z = 0;
        for (const i of order) {
          const e = Math.exp(((sims[i] as number) - best) / tau);
          v[ys[i] as number] = (v[ys[i] as number] as number) + e;
          z += e;
        }
        for (let k = 0; k < classes; k++)
          p[k] = (1 - weight) * (p[k] as number) + (weight * (v[k] as number)) / z;
      }
      parts.applyOffsets(p);
      return p;
    };
  };
}

/**
 * The app's probabilities with offsets fitted on out-of-fold scores of `k` linear models (the app's linear options,
 * 12 + 2 epochs) over the app's final features, in place of the app's own offsets (one model, one 20% share).
 */
function withOofOffsets(k: number, lambda: number, blend: number): Candidate {
  return (fit, labels) => {
    const { parts, xs } = appOfFold(fit);
    const classes = labels.length;
    const ys = Int32Array.from(fit, (r) => labels.indexOf(r.intent));
    const rng = createRng(4243);
    // Stratified: each label's rows dealt round-robin after a shuffle.
    const fold = new Int32Array(fit.length);
    for (let c = 0; c < classes; c++) {
      const idx = [...ys.keys()].filter((i) => ys[i] === c);
      rng.shuffle(idx);
      idx.forEach((i, n) => (fold[i] = n % k));
    }
    const dim = parts.clf.data.model.dim;
    const scores = new Float64Array(fit.length * classes);
    const row = new Float64Array(classes);
    for (let f = 0; f < k; f++) {
      const inFit = [...xs.keys()].filter((i) => fold[i] !== f);
      const t = createLinearTrainer(classes, dim, DEFAULT_INTENT_TRAINING.linear);
      t.train(
        inFit.map((i) => xs[i] as SparseVector),
        Int32Array.from(inFit, (i) => ys[i] as number),
        (DEFAULT_INTENT_TRAINING.linear.epochs ?? 12) + DEFAULT_INTENT_TRAINING.refitEpochs,
        rng.fork(),
      );
      xs.forEach((x, i) => {
        if (fold[i] !== f) return;
        scoreInto(t.model, x, row);
        scores.set(row, i * classes);
      });
    }
    const temperature = fitTemperature(scores, ys, classes);
    const b = fitOffsetsOnScores(scores, ys, classes, temperature, lambda);
    const own = parts.clf.data.classOffsets;
    return (text) => {
      const p = new Float64Array(classes);
      parts.probabilities(parts.features(text), p);
      let z = 0;
      for (let c = 0; c < classes; c++) {
        const off = blend * (b[c] as number) + (1 - blend) * ((own?.[c] ?? 0) as number);
        z += p[c] = (p[c] as number) * Math.exp(off);
      }
      for (let c = 0; c < classes; c++) p[c] = (p[c] as number) / z;
      return p;
    };
  };
}

/** The registry (`intent-cv.ts --only='rt: app|tb: ...'`). */
export function tableCandidates(): Record<string, Candidate> {
  return {
    'tb: table max beside the mean w0.2': withTableMax(0.2),
    'tb: table max beside the mean w0.4': withTableMax(0.4),
    'tb: table knn m5 t0.05 w0.2': withTableKnn(5, 0.05, 0.2),
    'tb: table knn m10 t0.05 w0.35': withTableKnn(10, 0.05, 0.35),
    'tb: table knn m20 t0.1 w0.2': withTableKnn(20, 0.1, 0.2),
    'tb: oof offsets k3 lambda 0.003': withOofOffsets(3, 0.003, 1),
    'tb: oof offsets k5 lambda 0.003': withOofOffsets(5, 0.003, 1),
    'tb: oof offsets k3 lambda 0.01': withOofOffsets(3, 0.01, 1),
    'tb: oof offsets k3, half with the own': withOofOffsets(3, 0.003, 0.5),
  };
}
