// Research only: stacking by inner cross-validation. Each member's out-of-fold scores on the training set fit a
// softmax over `sum_m a_m * s_m + b` (one scale per member, one offset per class), then the members are refit on
// everything. With one member this is a class-offset recalibration: the offsets a model learns on its own training
// rows (which it fits almost perfectly) need not be the ones unseen rows want.
import { createRng } from '@suite/shared/ml';
import type { Message } from './feature-blocks.ts';
import type { Learner } from './block-learners.ts';

export interface StackOptions {
  innerFolds: number;
  /** When > 0, fit the combiner on one stratified held-out share of this size instead of k folds (cheaper). */
  heldOut: number;
  /** L2 penalty on the class offsets (per row of the mean NLL). */
  offsetL2: number;
  /** Fit per-class offsets (else only the member scales). */
  offsets: boolean;
  iterations: number;
}

export const DEFAULT_STACK: StackOptions = {
  innerFolds: 3,
  heldOut: 0,
  offsetL2: 0.01,
  offsets: true,
  iterations: 300,
};

/** Fits `a` (per member) and `b` (per class) by Adam on the mean softmax NLL of the out-of-fold scores. */
function fitCombiner(
  oof: Float64Array[][],
  ys: Int32Array,
  classes: number,
  o: StackOptions,
): { a: Float64Array; b: Float64Array } {
  const members = oof.length;
  const n = ys.length;
  const params = new Float64Array(members + classes);
  for (let m = 0; m < members; m++) params[m] = 1;
  const mom = new Float64Array(params.length);
  const vel = new Float64Array(params.length);
  const grad = new Float64Array(params.length);
  const z = new Float64Array(classes);
  const lr = 0.05;
  for (let it = 1; it <= o.iterations; it++) {
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let max = -Infinity;
      for (let k = 0; k < classes; k++) {
        let v = o.offsets ? (params[members + k] as number) : 0;
        for (let m = 0; m < members; m++)
          v += (params[m] as number) * ((oof[m]![i] as Float64Array)[k] as number);
        z[k] = v;
        if (v > max) max = v;
      }
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += z[k] = Math.exp((z[k] as number) - max);
      for (let k = 0; k < classes; k++) {
        const g = (z[k] as number) / sum - (k === ys[i] ? 1 : 0);
        for (let m = 0; m < members; m++)
          grad[m] = (grad[m] as number) + (g * ((oof[m]![i] as Float64Array)[k] as number)) / n;
        grad[members + k] = (grad[members + k] as number) + g / n;
      }
    }
    for (let k = 0; k < classes; k++)
      grad[members + k] = o.offsets
        ? (grad[members + k] as number) + o.offsetL2 * (params[members + k] as number)
        : 0;
    for (let p = 0; p < params.length; p++) {
      const g = grad[p] as number;
      mom[p] = 0.9 * (mom[p] as number) + 0.1 * g;
      vel[p] = 0.999 * (vel[p] as number) + 0.001 * g * g;
      const mh = (mom[p] as number) / (1 - 0.9 ** it);
      const vh = (vel[p] as number) / (1 - 0.999 ** it);
      params[p] = (params[p] as number) - (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  return { a: params.slice(0, members), b: params.slice(members) };
}

/** Members stacked by inner stratified k-fold; the scorer returns the combined logits. */
export function stack(members: readonly Learner[], options: Partial<StackOptions> = {}): Learner {
  const o = { ...DEFAULT_STACK, ...options };
  return (ms, ys, classes) => {
    const rng = createRng(7);
    const fold = new Int32Array(ms.length);
    const byClass: number[][] = Array.from({ length: classes }, () => []);
    ys.forEach((y, i) => byClass[y]!.push(i));
    for (const group of byClass) {
      rng.shuffle(group);
      group.forEach(
        (i, n) =>
          (fold[i] = o.heldOut > 0 ? (n < Math.round(group.length * o.heldOut) ? 0 : 1) : n % o.innerFolds),
      );
    }
    const oof = members.map(() => new Array<Float64Array>(ms.length));
    for (let f = 0; f < (o.heldOut > 0 ? 1 : o.innerFolds); f++) {
      const fit = ms.map((_, i) => i).filter((i) => fold[i] !== f);
      const fitMs = fit.map((i) => ms[i] as Message);
      const fitYs = Int32Array.from(fit, (i) => ys[i] as number);
      members.forEach((l, m) => {
        const s = l(fitMs, fitYs, classes);
        for (let i = 0; i < ms.length; i++) if (fold[i] === f) oof[m]![i] = s(ms[i] as Message);
      });
    }
    const rowsFitted = ms.map((_, i) => i).filter((i) => oof[0]![i] !== undefined);
    const { a, b } = fitCombiner(
      oof.map((s) => rowsFitted.map((i) => s[i] as Float64Array)),
      Int32Array.from(rowsFitted, (i) => ys[i] as number),
      classes,
      o,
    );
    const scorers = members.map((l) => l(ms, ys, classes));
    return (m) => {
      const out = Float64Array.from(b);
      scorers.forEach((s, i) => {
        const v = s(m);
        for (let k = 0; k < classes; k++) out[k] = (out[k] as number) + (a[i] as number) * (v[k] as number);
      });
      return out;
    };
  };
}
