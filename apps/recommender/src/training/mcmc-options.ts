// Options of Bayesian FM training by Gibbs sampling (`method: "mcmc"`): how many sweeps, how many to discard,
// how many posterior samples the served artifact averages. The sampler learns its own regularisation and has no
// step size, so the gradient trainers' options are refused with it rather than silently ignored.
import type { z } from 'zod';
import type { ModelKind } from '../model/fm-model.ts';

export const TRAIN_METHODS = ['sgd', 'mcmc'] as const;
export type TrainMethod = (typeof TRAIN_METHODS)[number];

/** Options only the gradient trainers read, and why the sampler has no use for them. */
const GRADIENT_ONLY: Record<string, string> = {
  optimizer: 'Gibbs sampling has no optimiser',
  learningRate: 'Gibbs sampling has no step size',
  momentum: 'Gibbs sampling has no step size',
  lrDecay: 'Gibbs sampling has no step size',
  regW: 'the sampler learns the regularisation (priors with hyperpriors per feature group)',
  regV: 'the sampler learns the regularisation (priors with hyperpriors per feature group)',
  chunk: 'the sampler draws every parameter once per sweep',
  maxChunks: 'the sampler draws every parameter once per sweep',
  averageFrom: 'use burnIn (the artifact averages posterior samples, not parameters)',
  patience: 'there is no early stopping in a Gibbs chain',
  blend: 'use samples (the artifact already averages several posterior samples)',
  shards: 'the sampler runs in one thread',
};

/** Options only the sampler reads. */
const MCMC_ONLY = ['burnIn', 'samples'] as const;

export interface McmcDefaults {
  k: number;
  epochs: number;
  burnIn: number;
  samples: number;
  initStd: number;
}

/**
 * Per kind. The FM's were chosen on u1..u5 (bench/mcmc-accuracy.ts, bench/RESULTS.md): k = 12 with 160 sweeps
 * and 32 kept samples reached test RMSE 0.8899 in 4.8 s CPU per split, where k = 16 with 120 sweeps reached
 * 0.8901 with 32 samples (512 factors served) and 0.8913 with 16. MF uses the same chain length.
 */
export const MCMC_DEFAULTS: Record<ModelKind, McmcDefaults> = {
  baseline: { k: 0, epochs: 60, burnIn: 10, samples: 1, initStd: 0 },
  mf: { k: 12, epochs: 160, burnIn: 10, samples: 32, initStd: 0.1 },
  fm: { k: 12, epochs: 160, burnIn: 10, samples: 32, initStd: 0.1 },
  // Never sampled: the ials kind refuses method mcmc (ials-options.ts).
  ials: { k: 64, epochs: 8, burnIn: 0, samples: 1, initStd: 0.1 },
};

/** The most factors a served MCMC artifact may hold (samples x k): memory and top-K cost grow with it. */
export const MAX_MCMC_FACTORS = 512;

/** What the method rules read of the parsed options. */
export interface MethodOptionsView {
  kind: ModelKind;
  method?: TrainMethod | undefined;
  k?: number | undefined;
  epochs?: number | undefined;
  burnIn?: number | undefined;
  samples?: number | undefined;
  [key: string]: unknown;
}

/**
 * The schema's cross-field rules, as issues naming the field: options that do not apply to the method, a
 * burn-in that leaves no sample, an artifact wider than MAX_MCMC_FACTORS.
 */
export function checkMethodOptions(o: MethodOptionsView, ctx: z.RefinementCtx): void {
  const method = o.method ?? 'sgd';
  const given = (key: string) => o[key] !== undefined;
  if (method !== 'mcmc') {
    for (const key of MCMC_ONLY)
      if (given(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'applies to method "mcmc" only' });
    return;
  }
  for (const [key, why] of Object.entries(GRADIENT_ONLY))
    if (given(key))
      ctx.addIssue({ code: 'custom', path: [key], message: `does not apply to method mcmc: ${why}` });
  const d = MCMC_DEFAULTS[o.kind];
  const epochs = o.epochs ?? d.epochs;
  const k = o.kind === 'baseline' ? 0 : (o.k ?? d.k);
  if (o.burnIn !== undefined && o.burnIn >= epochs)
    ctx.addIssue({
      code: 'custom',
      path: ['burnIn'],
      message: `must be below epochs (${epochs}): no sample would be left after burn-in`,
    });
  const samples = o.samples ?? d.samples;
  if (samples * k > MAX_MCMC_FACTORS)
    ctx.addIssue({
      code: 'custom',
      path: ['samples'],
      message: `samples x k = ${samples * k} exceeds ${MAX_MCMC_FACTORS} factors in the served model; lower samples or k`,
    });
}
