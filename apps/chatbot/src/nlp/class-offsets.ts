// Per-class additive offsets on the calibrated log-probabilities, fitted on the held-out share: whatever class the
// model over-predicts on unseen messages (the catch-all "chat" swallowing unknown titles) is pulled down by name of
// no class.
import { softmaxInPlace } from './linear-model.ts';

export interface ClassOffsetOptions {
  /** Share of each intent held out from a model of the offsets' own, whose scores on it fit them. */
  fraction: number;
  /** Ridge penalty on the offsets: mean held-out NLL + lambda * |b|^2. */
  lambda: number;
  /** Below this many examples per intent (mean) the share is too small for stable offsets: none are fitted. */
  minExamplesPerIntent: number;
  /** `unspaced`: only for training sets mostly in scripts without spaces (the character block's switch); `any`. */
  scripts: 'unspaced' | 'any';
}

/**
 * Share 0.2, lambda 0.003 (research on SMP2018's train.csv: share 0.1 gave +0.20-0.25 points, noise; 0.2 gave
 * +0.38 +- 0.16); the minimum size and the in-app gain: bench/RESULTS.md, 30 Nov 2026, 18:10 UTC.
 */
export const DEFAULT_CLASS_OFFSETS: ClassOffsetOptions = Object.freeze({
  fraction: 0.2,
  lambda: 0.003,
  minExamplesPerIntent: 20,
  scripts: 'unspaced',
});

/** Whether a training set of `examples` rows over `intents` intents gets offsets under `options`. */
export function wantsClassOffsets(
  options: ClassOffsetOptions | false,
  unspaced: boolean,
  examples: number,
  intents: number,
): options is ClassOffsetOptions {
  if (options === false) return false;
  if (options.scripts === 'unspaced' && !unspaced) return false;
  return examples >= options.minExamplesPerIntent * intents;
}

/**
 * Offsets b minimising the mean NLL of softmax(logp + b) + lambda * |b|^2 by gradient descent (convex). `logp` is
 * row-major, one row of `classes` log-probabilities per held-out message.
 *
 * @example const b = fitClassOffsets(heldOutLogProbs, heldOutLabels, 31, 0.003);
 */
export function fitClassOffsets(
  logp: Float64Array,
  ys: Int32Array,
  classes: number,
  lambda: number,
  iterations = 300,
): Float64Array {
  const b = new Float64Array(classes);
  const g = new Float64Array(classes);
  const q = new Float64Array(classes);
  const n = ys.length;
  if (n === 0) return b;
  // Stable for any lambda: the NLL's curvature is at most 1/2, the penalty's 2 lambda.
  const step = Math.min(0.5, 1 / (1 + 2 * lambda));
  for (let it = 0; it < iterations; it++) {
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

/**
 * Offsets from raw held-out scores (row-major n x classes) at the fitted `temperature`; with `mix`, on the average
 * (1 - weight) softmax + weight probabilities (a second member's, row-major like the scores).
 */
export function fitOffsetsOnScores(
  scores: Float64Array,
  ys: Int32Array,
  classes: number,
  temperature: number,
  lambda: number,
  mix?: { probabilities: Float64Array; weight: number },
): Float32Array {
  const logp = new Float64Array(scores.length);
  const row = new Float64Array(classes);
  for (let i = 0; i < ys.length; i++) {
    row.set(scores.subarray(i * classes, (i + 1) * classes));
    softmaxInPlace(row, temperature);
    if (mix !== undefined)
      for (let k = 0; k < classes; k++)
        row[k] =
          (1 - mix.weight) * (row[k] as number) + mix.weight * (mix.probabilities[i * classes + k] as number);
    for (let k = 0; k < classes; k++) logp[i * classes + k] = Math.log(Math.max(row[k] as number, 1e-12));
  }
  return Float32Array.from(fitClassOffsets(logp, ys, classes, lambda));
}
