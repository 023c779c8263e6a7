// The fastText-style candidate of the cross-validation bench (research only), apart from the linear ones.
import { createRng } from '@suite/shared/ml';
import { analyzeText } from '../../src/nlp/text-cleaning.ts';
import { fitVectorizer, type SparseVector, type VectorizerOptions } from '../../src/nlp/tfidf-vectorizer.ts';
import type { Candidate } from './candidates.ts';

/** fastText-style: h = sum_j x_j E_j (the w = Ex), softmax(W h + b), SGD with linearly decaying rate. */
export function fasttext(
  vec: Partial<VectorizerOptions>,
  d: number,
  epochs: number,
  lr0: number,
  seed = 1,
): Candidate {
  return (fit, labels) => {
    const C = labels.length;
    const idx = new Map(labels.map((l, i) => [l, i]));
    const toks = fit.map((r) => analyzeText(r.text));
    const v = fitVectorizer(toks, vec);
    const xs = toks.map((t) => v.transform(t));
    const ys = fit.map((r) => idx.get(r.intent) as number);
    const rng = createRng(seed);
    const E = new Float32Array(v.dim * d);
    for (let i = 0; i < E.length; i++) E[i] = (rng.next() * 2 - 1) / d;
    const W = new Float32Array(C * d);
    const b = new Float32Array(C);
    const h = new Float64Array(d);
    const gh = new Float64Array(d);
    const p = new Float64Array(C);
    const forward = (x: SparseVector) => {
      h.fill(0);
      for (let j = 0; j < x.indices.length; j++) {
        const base = (x.indices[j] as number) * d;
        const xv = x.values[j] as number;
        for (let q = 0; q < d; q++) h[q] = (h[q] as number) + xv * (E[base + q] as number);
      }
      let max = -Infinity;
      for (let k = 0; k < C; k++) {
        let s2 = b[k] as number;
        const wb = k * d;
        for (let q = 0; q < d; q++) s2 += (W[wb + q] as number) * (h[q] as number);
        p[k] = s2;
        if (s2 > max) max = s2;
      }
      return max;
    };
    const order = xs.map((_, i) => i);
    const steps = epochs * xs.length;
    let t = 0;
    for (let e = 0; e < epochs; e++) {
      rng.shuffle(order);
      for (const i of order) {
        const lr = lr0 * (1 - t++ / steps);
        const x = xs[i] as SparseVector;
        const max = forward(x);
        let sum = 0;
        for (let k = 0; k < C; k++) {
          p[k] = Math.exp((p[k] as number) - max);
          sum += p[k] as number;
        }
        gh.fill(0);
        for (let k = 0; k < C; k++) {
          const g = (p[k] as number) / sum - (k === ys[i] ? 1 : 0);
          if (Math.abs(g) < 1e-5) continue;
          const wb = k * d;
          for (let q = 0; q < d; q++) {
            gh[q] = (gh[q] as number) + g * (W[wb + q] as number);
            W[wb + q] = (W[wb + q] as number) - lr * g * (h[q] as number);
          }
          b[k] = (b[k] as number) - lr * g;
        }
        for (let j = 0; j < x.indices.length; j++) {
          const base = (x.indices[j] as number) * d;
          const xv = (x.values[j] as number) * lr;
          for (let q = 0; q < d; q++) E[base + q] = (E[base + q] as number) - xv * (gh[q] as number);
        }
      }
    }
    return (text) => {
      const max = forward(v.transform(analyzeText(text)));
      let sum = 0;
      for (let k = 0; k < C; k++) sum += Math.exp((p[k] as number) - max);
      const out = new Float64Array(C);
      for (let k = 0; k < C; k++) out[k] = (p[k] as number) - max - Math.log(sum);
      return out;
    };
  };
}
