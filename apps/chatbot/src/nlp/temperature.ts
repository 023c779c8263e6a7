// Temperature scaling: one scalar that turns raw linear scores into calibrated probabilities (Guo et al. 2017).

const MIN_T = 0.01;
const MAX_T = 10;

/** Mean negative log-likelihood of `labels` under softmax(scores / t); `scores` is row-major n x classes. */
export function meanNll(scores: Float64Array, labels: Int32Array, classes: number, t: number): number {
  let total = 0;
  for (let n = 0; n < labels.length; n++) {
    const base = n * classes;
    let max = -Infinity;
    for (let k = 0; k < classes; k++) max = Math.max(max, (scores[base + k] as number) / t);
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += Math.exp((scores[base + k] as number) / t - max);
    total += Math.log(sum) + max - (scores[base + (labels[n] as number)] as number) / t;
  }
  return labels.length === 0 ? 0 : total / labels.length;
}

/**
 * The temperature minimising held-out NLL, by golden-section search on log t (NLL is unimodal in t).
 * Returns 1 when there is nothing to fit.
 *
 * @example const t = fitTemperature(heldOutScores, heldOutLabels, 77);
 */
export function fitTemperature(scores: Float64Array, labels: Int32Array, classes: number): number {
  if (labels.length === 0) return 1;
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(MIN_T);
  let hi = Math.log(MAX_T);
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = meanNll(scores, labels, classes, Math.exp(a));
  let fb = meanNll(scores, labels, classes, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = meanNll(scores, labels, classes, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = meanNll(scores, labels, classes, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}
