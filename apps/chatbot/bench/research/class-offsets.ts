// Per-class offsets on the log-probabilities, fitted on a held-out share (a generic form of "chat x 0.3": whatever
// class the model over-predicts on unseen messages is pulled down, without naming it). Research only.
import { createRng } from '@suite/shared/ml';
import type { IntentRow } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';

/**
 * Offsets b minimising the held-out mean NLL of softmax(log p + b) + lambda * |b|^2 (gradient descent; the problem is
 * convex). `logp` is row-major, one row of `classes` log-probabilities per held-out message.
 */
export function fitClassOffsets(
  logp: Float64Array,
  ys: Int32Array,
  classes: number,
  lambda: number,
): Float64Array {
  const b = new Float64Array(classes);
  const g = new Float64Array(classes);
  const q = new Float64Array(classes);
  const n = ys.length;
  // Stable for any lambda: the NLL's curvature is at most 1/2, the penalty's 2 lambda.
  const step = Math.min(0.5, 1 / (1 + 2 * lambda));
  for (let it = 0; it < 300; it++) {
    g.fill(0);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let k = 0; k < classes; k++)
        max = Math.max(max, (q[k] = (logp[i * classes + k] as number) + (b[k] as number)));
      let z = 0;
      for (let k = 0; k < classes; k++) z += q[k] = Math.exp((q[k] as number) - max);
      for (let k = 0; k < classes; k++) g[k] = (g[k] as number) + (q[k] as number) / z / n;
      g[ys[i] as number] = (g[ys[i] as number] as number) - 1 / n;
    }
    for (let k = 0; k < classes; k++)
      b[k] = (b[k] as number) - step * ((g[k] as number) + 2 * lambda * (b[k] as number));
  }
  return b;
}

/** Stratified held-out share: `fraction` of each label with 3 or more rows (at least one). */
function split(fit: IntentRow[], fraction: number, seed: number): { train: IntentRow[]; held: IntentRow[] } {
  const by = new Map<string, IntentRow[]>();
  for (const r of fit) by.set(r.intent, [...(by.get(r.intent) ?? []), r]);
  const rng = createRng(seed);
  const train: IntentRow[] = [];
  const held: IntentRow[] = [];
  for (const key of [...by.keys()].sort()) {
    const g = by.get(key) as IntentRow[];
    rng.shuffle(g);
    const m = g.length >= 3 ? Math.max(1, Math.round(g.length * fraction)) : 0;
    held.push(...g.slice(0, m));
    train.push(...g.slice(m));
  }
  return { train, held };
}

/**
 * `base` (probabilities) trained on all of `fit`, its log-probabilities shifted by offsets fitted on a held-out
 * share scored by `base` trained without it (the app could take these scores from its temperature share for free).
 */
export function heldOutOffsets(base: Candidate, fraction: number, lambda: number, seed = 5): Candidate {
  return (fit, labels) => {
    const { train, held } = split(fit, fraction, seed);
    const inner = base(train, labels);
    const C = labels.length;
    const logp = new Float64Array(held.length * C);
    held.forEach((r, i) => inner(r.text).forEach((p, k) => (logp[i * C + k] = Math.log(Math.max(p, 1e-12)))));
    const b = fitClassOffsets(
      logp,
      Int32Array.from(held, (r) => labels.indexOf(r.intent)),
      C,
      lambda,
    );
    const scorer = base(fit, labels);
    return (text) => {
      const p = scorer(text);
      let z = 0;
      for (let k = 0; k < C; k++) z += p[k] = (p[k] as number) * Math.exp(b[k] as number);
      for (let k = 0; k < C; k++) p[k] = (p[k] as number) / z;
      return p;
    };
  };
}
