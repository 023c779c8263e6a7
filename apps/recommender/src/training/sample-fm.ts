// Run a Gibbs chain for a Bayesian FM and keep what the artifact needs: the running mean of the parameters
// after burn-in, and a few samples spread evenly over the post-burn-in chain.
import { createRng } from '@suite/shared/ml';
import type { FmModel } from '../model/fm-model.ts';
import { createMcmcScratch, gibbsSweep } from './fm-mcmc.ts';
import { createMcmcState, getSampleParams, refreshResiduals } from './mcmc-state.ts';
import { createMcmcIndex } from './mcmc-index.ts';
import { getRaoBlackwellParams } from './rao-blackwell.ts';
import { getObservedFeatures, neutraliseUnobserved } from './unobserved-features.ts';
import type { TrainingSet } from './training-set.ts';

export interface SampleFmOptions {
  /** Gibbs sweeps in all. */
  iterations: number;
  /** Sweeps discarded before averaging. */
  burnIn: number;
  /** Posterior samples to keep (evenly spaced after burn-in). */
  keep: number;
  initStd: number;
  seed: number;
  /** Keep each sample with its items' parameters at their conditional means (rao-blackwell.ts). */
  raoBlackwell?: boolean;
  /** Also keep the parameter mean and the plain draws (for the bench's comparisons; costs a copy per sweep). */
  diagnostics?: boolean;
  /** Recompute residuals from the parameters every this many sweeps (incremental updates drift slowly). */
  refreshEvery?: number;
}

export interface SampleFmResult {
  /** Mean of the sampled parameters over the post-burn-in sweeps (model layout); with `diagnostics` only. */
  meanParams: Float64Array | undefined;
  /** The kept samples (model layout), in chain order; Rao-Blackwellised when asked. */
  samples: Float64Array[];
  /** The plain draws at the same sweeps; with `diagnostics` only. */
  draws: Float64Array[];
  /** Training RMSE of each sweep's own sample (from its residuals). */
  trainRmse: number[];
  /** Sampled noise precision of each sweep. */
  alpha: number[];
}

/** Iterations (1-based) whose sample is kept: the last of each of `keep` equal stretches after burn-in. */
export function getKeptIterations(iterations: number, burnIn: number, keep: number): number[] {
  const after = iterations - burnIn;
  const n = Math.max(0, Math.min(keep, after));
  return Array.from({ length: n }, (_, s) => burnIn + Math.round(((s + 1) * after) / n));
}

/**
 * Sample a Bayesian FM shaped like `model` (k, layout; its w0 seeds the chain) on a training set.
 * `onSample(iteration, params)` sees every sweep's sample in model layout (for chain diagnostics).
 */
export function sampleFm(
  model: FmModel,
  set: TrainingSet,
  options: SampleFmOptions,
  onSample?: (iteration: number, params: Float64Array) => void,
): SampleFmResult {
  const steps = sampleFmSteps(model, set, options, onSample);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** One finished sweep: its number (1-based) and the training RMSE of its sample. */
export interface SweepRecord {
  iteration: number;
  trainRmse: number;
}

/** `sampleFm` one sweep at a time, so a caller can report progress, yield to the event loop, or stop. */
export function* sampleFmSteps(
  model: FmModel,
  set: TrainingSet,
  options: SampleFmOptions,
  onSample?: (iteration: number, params: Float64Array) => void,
): Generator<SweepRecord, SampleFmResult> {
  const index = createMcmcIndex(model.layout, set);
  const rng = createRng(options.seed);
  const state = createMcmcState(index, model.k, rng, options.initStd, set.mean);
  const scratch = createMcmcScratch(index);
  const observed = getObservedFeatures(index);
  const size = model.params.length;
  const diagnostics = options.diagnostics ?? false;
  const meanParams = diagnostics ? new Float64Array(size) : undefined;
  const kept = new Set(getKeptIterations(options.iterations, options.burnIn, options.keep));
  const samples: Float64Array[] = [];
  const draws: Float64Array[] = [];
  const trainRmse: number[] = [];
  const alpha: number[] = [];
  const params = new Float64Array(size);
  const refreshEvery = options.refreshEvery ?? 10;
  let averaged = 0;
  for (let it = 1; it <= options.iterations; it++) {
    if (it % refreshEvery === 0) refreshResiduals(index, state);
    gibbsSweep(index, state, rng, scratch);
    let sse = 0;
    const e = state.e;
    for (let r = 0; r < e.length; r++) sse += (e[r] as number) * (e[r] as number);
    const sweepRmse = Math.sqrt(sse / Math.max(1, index.m));
    trainRmse.push(sweepRmse);
    alpha.push(state.alpha);
    const afterBurnIn = it > options.burnIn;
    if (onSample || (afterBurnIn && diagnostics)) {
      getSampleParams(index, state, params);
      onSample?.(it, params);
    }
    if (afterBurnIn) keepSample(it);
    yield { iteration: it, trainRmse: sweepRmse };
  }
  if (meanParams && averaged === 0) getSampleParams(index, state, meanParams);
  return { meanParams, samples, draws, trainRmse, alpha };

  function keepSample(it: number): void {
    if (meanParams) {
      averaged++;
      for (let p = 0; p < size; p++)
        meanParams[p]! += ((params[p] as number) - (meanParams[p] as number)) / averaged;
    }
    if (!kept.has(it)) return;
    if (diagnostics) draws.push(params.slice());
    // The residuals and sums are kept current by the sweep (and refreshed every few sweeps), so the
    // conditional means are this sample's to rounding.
    const sample = options.raoBlackwell
      ? getRaoBlackwellParams(index, state, model.layout)
      : getSampleParams(index, state);
    samples.push(neutraliseUnobserved(index, state, observed, sample));
  }
}
