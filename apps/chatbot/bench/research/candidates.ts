// Candidate intent models for the cross-validation bench (research only: the app trains with trainIntentClassifier).
// One-vs-rest SVM by dual coordinate descent with optional NB log-count ratios and leave-one-out length / unseen-
// bigram features; a fastText-style bag of n-gram embeddings; cosine k-nearest neighbours; score blends.
import { createRng } from '@suite/shared/ml';
import { scoreInto } from '../../src/nlp/linear-model.ts';
import { trainLinearSvm, type LinearSvmOptions } from '../../src/nlp/linear-svm.ts';
import { analyzeText } from '../../src/nlp/text-cleaning.ts';
import { fitVectorizer, type SparseVector, type VectorizerOptions } from '../../src/nlp/tfidf-vectorizer.ts';
import type { IntentRow } from '../intent-data.ts';

export { fasttext } from './fasttext-candidate.ts';

/** Scores of every class for one message (higher is more likely). */
export type Scorer = (text: string) => Float64Array;
/** Trains on `fit` and returns a scorer over `labels`. */
export type Candidate = (fit: IntentRow[], labels: string[]) => Scorer;

/** NB log-count ratios per class (one against the rest) over binarised features, smoothed by `a`. */
function nbRatios(
  xs: SparseVector[],
  ys: Int32Array,
  classes: number,
  dim: number,
  a: number,
  power: number,
): Float32Array[] {
  const counts = Array.from({ length: classes }, () => new Float64Array(dim));
  const all = new Float64Array(dim);
  xs.forEach((x, i) => {
    const c = counts[ys[i] as number] as Float64Array;
    for (const col of x.indices) {
      c[col] = (c[col] as number) + 1;
      all[col] = (all[col] as number) + 1;
    }
  });
  let sumAll = 0;
  for (let j = 0; j < dim; j++) sumAll += all[j] as number;
  return counts.map((c) => {
    let sumC = 0;
    for (let j = 0; j < dim; j++) sumC += c[j] as number;
    const r = new Float32Array(dim);
    const pn = sumC + a * dim;
    const qn = sumAll - sumC + a * dim;
    for (let j = 0; j < dim; j++) {
      const v = Math.log(((c[j] as number) + a) / pn / (((all[j] as number) - (c[j] as number) + a) / qn));
      r[j] = Math.sign(v) * Math.abs(v) ** power;
    }
    return r;
  });
}

export interface Extra {
  oov: number;
  len: number;
}
const LEN_BINS = [1, 2, 4, 6, 9, 14, Infinity];
const OOV_BINS = [0, 0.2, 0.4, 0.6, 0.8, 1.01];
function bigrams(tokens: string[]): Set<string> {
  const s = tokens.join('');
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}
function withExtra(
  x: SparseVector,
  dim: number,
  tokens: string[],
  df: Map<string, number>,
  self: number,
  e: Extra,
): SparseVector {
  const chars = tokens.join('').length;
  const grams = bigrams(tokens);
  let unseen = 0;
  for (const g of grams) if ((df.get(g) ?? 0) - self <= 0) unseen++;
  const share = grams.size === 0 ? 1 : unseen / grams.size;
  const cols: number[] = [];
  const vals: number[] = [];
  if (e.len > 0) {
    cols.push(dim + LEN_BINS.findIndex((b) => chars <= b));
    vals.push(e.len);
  }
  if (e.oov > 0) {
    cols.push(dim + LEN_BINS.length + OOV_BINS.findIndex((b) => share <= b));
    vals.push(e.oov);
  }
  const indices = new Int32Array(x.indices.length + cols.length);
  indices.set(x.indices);
  indices.set(cols, x.indices.length);
  const values = new Float32Array(x.values.length + cols.length);
  values.set(x.values);
  values.set(vals, x.values.length);
  return { indices, values };
}

/** The app's words plus, optionally, punctuation marks as tokens ("?" anywhere, and which mark ends the message). */
let punctuation = false;
let numberShapes = false;
const NUMBER_SHAPE_RE = /\p{Nd}+(?:[.:]\p{Nd}+)?/gu;
/** One token per number's shape: digit count, and whether it has a decimal point or a colon ("98.4", "8:30"). */
function shapes(text: string): string[] {
  return (text.normalize('NFKC').match(NUMBER_SHAPE_RE) ?? []).map((n) =>
    n.includes('.') ? '\u0005dec' : n.includes(':') ? '\u0005time' : `\u0005d${Math.min(n.length, 6)}`,
  );
}

/** Runs a candidate with number-shape tokens (and punctuation) on. */
export function withNumberShapes(c: Candidate): Candidate {
  return (fit, labels) => {
    numberShapes = true;
    punctuation = true;
    const scorer = c(fit, labels);
    numberShapes = false;
    punctuation = false;
    return (text) => {
      numberShapes = true;
      punctuation = true;
      const out = scorer(text);
      numberShapes = false;
      punctuation = false;
      return out;
    };
  };
}
const PUNCT_RE = /[\p{P}\p{S}]/gu;
function words(text: string): string[] {
  const tokens = analyzeText(text);
  if (!punctuation) return tokens;
  const raw = text.normalize('NFKC').trim();
  const marks = [...new Set(raw.match(PUNCT_RE) ?? [])].map((m) => `\u0003${m}`);
  const last = raw.at(-1) ?? '';
  const end = PUNCT_RE.test(last) ? `\u0004${last}` : '\u0004none';
  PUNCT_RE.lastIndex = 0;
  return [...tokens, ...marks, end, ...(numberShapes ? shapes(text) : [])];
}

/** Runs a candidate with punctuation tokens on, in training and in scoring. */
export function withPunctuation(c: Candidate): Candidate {
  return (fit, labels) => {
    punctuation = true;
    const scorer = c(fit, labels);
    punctuation = false;
    return (text) => {
      punctuation = true;
      const out = scorer(text);
      punctuation = false;
      return out;
    };
  };
}

export function svm(
  vec: Partial<VectorizerOptions>,
  o: Partial<LinearSvmOptions>,
  nb?: { a: number; power: number },
  e: Extra = { oov: 0, len: 0 },
): Candidate {
  return (fit, labels) => {
    const idx = new Map(labels.map((l, i) => [l, i]));
    const toks = fit.map((r) => words(r.text));
    const v0 = fitVectorizer(toks, vec);
    const df = new Map<string, number>();
    for (const t of toks) for (const g of bigrams(t)) df.set(g, (df.get(g) ?? 0) + 1);
    const extraDim = LEN_BINS.length + OOV_BINS.length;
    const v = {
      dim: v0.dim + extraDim,
      transform: (t: string[], self = 0) => withExtra(v0.transform(t), v0.dim, t, df, self, e),
    };
    const xs = toks.map((t) => v.transform(t, 1));
    const ys = Int32Array.from(fit.map((r) => idx.get(r.intent) as number));
    const scales = nb ? nbRatios(xs, ys, labels.length, v.dim, nb.a, nb.power) : undefined;
    const m = trainLinearSvm(xs, ys, labels.length, v.dim, createRng(1), o, undefined, scales);
    return (text) => {
      const out = new Float64Array(labels.length);
      scoreInto(m, v.transform(words(text)), out);
      return out;
    };
  };
}

/** Scores `keep * a + lambda * b` (score blends keep a whole; probability averages keep 1 - lambda). */
export function blend(a: Candidate, b: Candidate, lambda: number, keep = 1): Candidate {
  return (fit, labels) => {
    const sa = a(fit, labels);
    const sb = b(fit, labels);
    return (text) => {
      const x = sa(text);
      const y = sb(text);
      for (let k = 0; k < x.length; k++) x[k] = keep * (x[k] as number) + lambda * (y[k] as number);
      return x;
    };
  };
}

/** Cosine k-nearest neighbours over the same TF-IDF vectors: each class scores the sum of its neighbours' similarity. */
export function knn(vec: Partial<VectorizerOptions>, m: number, power: number): Candidate {
  return (fit, labels) => {
    const idx = new Map(labels.map((l, i) => [l, i]));
    const toks = fit.map((r) => analyzeText(r.text));
    const v = fitVectorizer(toks, vec);
    const ys = fit.map((r) => idx.get(r.intent) as number);
    const postings = new Map<number, [number, number][]>();
    toks.forEach((t, i) => {
      const x = v.transform(t);
      for (let j = 0; j < x.indices.length; j++) {
        const col = x.indices[j] as number;
        let list = postings.get(col);
        if (!list) postings.set(col, (list = []));
        list.push([i, x.values[j] as number]);
      }
    });
    const sims = new Float64Array(fit.length);
    return (text) => {
      sims.fill(0);
      const x = v.transform(analyzeText(text));
      for (let j = 0; j < x.indices.length; j++)
        for (const [i, val] of postings.get(x.indices[j] as number) ?? [])
          sims[i] = (sims[i] as number) + val * (x.values[j] as number);
      const top: number[] = [];
      for (let i = 0; i < sims.length; i++) {
        if ((sims[i] as number) <= 0) continue;
        top.push(i);
        if (top.length > 4 * m) {
          top.sort((a, b) => (sims[b] as number) - (sims[a] as number));
          top.length = m;
        }
      }
      top.sort((a, b) => (sims[b] as number) - (sims[a] as number));
      const out = new Float64Array(labels.length);
      for (const i of top.slice(0, m))
        out[ys[i] as number] = (out[ys[i] as number] as number) + (sims[i] as number) ** power;
      return out;
    };
  };
}
