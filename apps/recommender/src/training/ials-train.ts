// iALS (Hu, Koren and Volinsky 2008) in the formulation of Rendle et al. 2021, "Revisiting the Performance
// of iALS on Item Recommendation Benchmarks": observed pairs pull <p_u, q_i> towards 1 with weight w_ui, every
// pair (observed or not) pushes it towards 0 with weight alpha0, and the L2 penalty of a row grows with its
// activity, lambda * (n_obs + alpha0 * n_all)^nu. Alternating row solves by conjugate gradient, warm-started.
import { createRng } from '@suite/shared/ml';
import {
  conjugateGradientSolve,
  createSolveScratch,
  scaledGram,
  type RowSystem,
} from '../model/ials-solve.ts';
import type { Interactions } from './interactions.ts';

/** Hyper-parameters of an iALS fit. */
export interface IalsOptions {
  /** Embedding size k. */
  factors: number;
  epochs: number;
  /** lambda of the frequency-scaled L2 penalty. */
  reg: number;
  /** Weight of every (also unobserved) pair's pull towards 0. */
  alpha0: number;
  /** nu: 1 scales the penalty with the row's total weight, 0 makes it a plain L2. */
  regExponent: number;
  /** Conjugate-gradient steps per row and epoch. */
  cgSteps: number;
  /** Initial factors ~ N(0, (initStd / sqrt(k))^2). */
  initStd: number;
  /**
   * Weight of an observed pair as a function of its rating: w = max(0, 1 + ratingSlope * (rating - 3)).
   * 0 treats every rating as the same positive signal.
   */
  ratingSlope: number;
  /**
   * Target of an observed pair: t = min(1, max(0, 1 + targetSlope * (rating - 4))), so with a positive slope
   * ratings below 4 pull less towards "will want it". 0 = every observed pair targets 1.
   */
  targetSlope: number;
  seed: number;
}

export const DEFAULT_IALS: IalsOptions = {
  factors: 64,
  epochs: 12,
  reg: 0.005,
  alpha0: 0.1,
  regExponent: 1,
  cgSteps: 3,
  initStd: 0.1,
  ratingSlope: 0,
  targetSlope: 0,
  seed: 42,
};

/** Trained factors: user u's row is userFactors[u*k .. u*k+k), item i's itemFactors[i*k ..]. */
export interface IalsFactors {
  k: number;
  userFactors: Float64Array;
  itemFactors: Float64Array;
}

/** The observed-pair weight of a rating under these options. */
export function confidenceOf(options: Pick<IalsOptions, 'ratingSlope'>, rating: number): number {
  return Math.max(0, 1 + options.ratingSlope * (rating - 3));
}

/** The target of an observed pair with this rating. */
export function targetOf(options: Pick<IalsOptions, 'targetSlope'>, rating: number): number {
  return Math.min(1, Math.max(0, 1 + options.targetSlope * (rating - 4)));
}

/** The activity-scaled penalty of a row with `weight` observed weight among `nAll` partners. */
export function rowPenalty(
  options: Pick<IalsOptions, 'reg' | 'alpha0' | 'regExponent'>,
  weight: number,
  nAll: number,
): number {
  return options.reg * Math.pow(weight + options.alpha0 * nAll, options.regExponent);
}

function solveSide(
  start: Int32Array,
  idx: Int32Array,
  w: Float32Array,
  wt: Float32Array,
  xs: Float64Array,
  ys: Float64Array,
  nY: number,
  options: IalsOptions,
): void {
  const k = options.factors;
  const scratch = createSolveScratch(k);
  const system: RowSystem = {
    k,
    gram: scaledGram(ys, nY, k, options.alpha0),
    y: ys,
    idx,
    w,
    wt,
    a: 0,
    b: 0,
    lambda: 0,
  };
  const nX = start.length - 1;
  for (let x = 0; x < nX; x++) {
    system.a = start[x] as number;
    system.b = start[x + 1] as number;
    let weight = 0;
    for (let t = system.a; t < system.b; t++) weight += w[t] as number;
    system.lambda = rowPenalty(options, weight, nY);
    conjugateGradientSolve(system, xs, x * k, options.cgSteps, scratch);
  }
}

/** Fit iALS factors to the interactions; `onEpoch` sees the factors after each full (users, items) sweep. */
export function trainIals(
  data: Interactions,
  input: Partial<IalsOptions> = {},
  onEpoch?: (epoch: number, factors: IalsFactors) => void,
): IalsFactors {
  const options: IalsOptions = { ...DEFAULT_IALS, ...input };
  const k = options.factors;
  const rng = createRng(options.seed);
  const std = options.initStd / Math.sqrt(k);
  const userFactors = new Float64Array(data.nUsers * k);
  const itemFactors = Float64Array.from({ length: data.nItems * k }, () => std * rng.normal());
  const userW = Float32Array.from(data.userValue, (r) => confidenceOf(options, r));
  const itemW = Float32Array.from(data.itemValue, (r) => confidenceOf(options, r));
  const userWt = Float32Array.from(data.userValue, (r) => confidenceOf(options, r) * targetOf(options, r));
  const itemWt = Float32Array.from(data.itemValue, (r) => confidenceOf(options, r) * targetOf(options, r));
  const factors = { k, userFactors, itemFactors };
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    solveSide(data.userStart, data.userItem, userW, userWt, userFactors, itemFactors, data.nItems, options);
    solveSide(data.itemStart, data.itemUser, itemW, itemWt, itemFactors, userFactors, data.nUsers, options);
    onEpoch?.(epoch, factors);
  }
  return factors;
}
