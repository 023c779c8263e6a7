// Label-noise pruning by confident learning (Northcutt, Jiang and Chuang, JAIR 2021) for Banking77 (issue 11, 1 Dec
// 2026): out-of-sample probabilities of every training row from an inner k-fold of the app's linear model, a
// per-class threshold (the mean probability of the class over the rows labelled with it), and the rows whose
// confident class differs from their label left out before the shipped app trains. Research only.
import type { IntentRow } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';
import { argmax, stratifiedFolds } from './fold-loop.ts';
import { appOnRewrite } from './lexical-candidates.ts';
import { appProbabilities } from './neural-candidates.ts';

export interface PruneOptions {
  /** Inner folds for the out-of-sample probabilities. */
  folds: number;
  /** 'confident': the confident joint's off-diagonal rows; 'low': also needs p(label) below `below`. */
  rule: 'confident' | 'low';
  below: number;
}

/** Out-of-sample class probabilities of every row (the linear app, calibrated, trained on the other inner folds). */
function outOfSample(rows: readonly IntentRow[], labels: string[], folds: number): Float64Array[] {
  const fold = stratifiedFolds(
    rows.map((r) => r.intent),
    folds,
    // An inner seed of its own: never the outer folds' (100 + repeat).
    977,
  );
  const out: Float64Array[] = new Array(rows.length);
  for (let f = 0; f < folds; f++) {
    const fit = rows.filter((_, i) => fold[i] !== f);
    const scorer = appProbabilities({ classOffsets: false })(fit, labels);
    rows.forEach((r, i) => {
      if (fold[i] === f) out[i] = scorer(r.text);
    });
  }
  return out;
}

/** Indices of the rows confident learning calls mislabelled. */
export function suspectRows(
  rows: readonly IntentRow[],
  labels: string[],
  probs: readonly Float64Array[],
  o: PruneOptions,
): Set<number> {
  const y = rows.map((r) => labels.indexOf(r.intent));
  const sum = new Float64Array(labels.length);
  const n = new Float64Array(labels.length);
  probs.forEach((p, i) => {
    const j = y[i] as number;
    sum[j] = (sum[j] as number) + (p[j] as number);
    n[j] = (n[j] as number) + 1;
  });
  const t = Array.from(sum, (s, j) => s / Math.max(1, n[j] as number));
  const out = new Set<number>();
  probs.forEach((p, i) => {
    const masked = Array.from(p, (v, k) => (v >= (t[k] as number) ? v : -1));
    const k = argmax(masked);
    if ((masked[k] as number) < 0 || k === y[i]) return;
    if (o.rule === 'low' && (p[y[i] as number] as number) >= o.below) return;
    out.add(i);
  });
  return out;
}

const probCache = new WeakMap<object, Map<number, Float64Array[]>>();

/** The shipped app trained on the fold's rows less the suspects. */
export function appPruned(o: PruneOptions): Candidate {
  return (fit, labels) => {
    let byFolds = probCache.get(fit);
    if (byFolds === undefined) probCache.set(fit, (byFolds = new Map()));
    let probs = byFolds.get(o.folds);
    if (probs === undefined) byFolds.set(o.folds, (probs = outOfSample(fit, labels, o.folds)));
    const drop = suspectRows(fit, labels, probs, o);
    console.error(JSON.stringify({ pruned: drop.size, of: fit.length, rule: o }));
    return appOnRewrite((t) => t)(
      fit.filter((_, i) => !drop.has(i)),
      labels,
    );
  };
}

export function pruneCandidates(): Record<string, Candidate> {
  return {
    'app, confident-learning pruning, 4 inner folds': appPruned({ folds: 4, rule: 'confident', below: 1 }),
    'app, pruning p(label) < 0.2, 4 inner folds': appPruned({ folds: 4, rule: 'low', below: 0.2 }),
    'app, pruning p(label) < 0.05, 4 inner folds': appPruned({ folds: 4, rule: 'low', below: 0.05 }),
  };
}
