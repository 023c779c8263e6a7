// Per-class offsets on the log-probabilities, fitted on a held-out share (a generic form of "chat x 0.3": whatever
// class the model over-predicts on unseen messages is pulled down, without naming it). The fit itself is the app's (src/nlp/class-offsets.ts); this is the research form, which
// trains the base twice.
import { createRng } from '@suite/shared/ml';
import type { IntentRow } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';
import { fitClassOffsets } from '../../src/nlp/class-offsets.ts';

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
