// The training options only the `ials` kind reads, with their defaults (tuned on 20 % carve-outs of
// u1..u3.base, never on a test file; see bench/RESULTS.md).
import { z } from 'zod';
import type { ModelKind } from '../model/fm-model.ts';

/** Zod fields merged into the training options schema; all optional. */
export const ialsOptionShape = {
  /** iALS: weight of every (also unobserved) user-item pair's pull towards 0. */
  alpha0: z.number().min(0).max(100).optional(),
  /** iALS: lambda of the L2 penalty, scaled per row by (observed weight + alpha0 x partners)^regExponent. */
  reg: z.number().min(0).max(100).optional(),
  regExponent: z.number().min(0).max(2).optional(),
  /** iALS: conjugate-gradient steps per row and sweep. */
  cgSteps: z.number().int().min(1).max(64).optional(),
  /** iALS: confidence of a rated pair, max(0, 1 + ratingSlope x (rating - 3)). */
  ratingSlope: z.number().min(0).max(10).optional(),
  /** iALS: target of a rated pair, min(1, max(0, 1 + targetSlope x (rating - 4))). */
  targetSlope: z.number().min(0).max(10).optional(),
};

export interface IalsTrainOptions {
  alpha0: number;
  reg: number;
  regExponent: number;
  cgSteps: number;
  ratingSlope: number;
  targetSlope: number;
}

export const IALS_DEFAULTS: IalsTrainOptions & { k: number; epochs: number } = {
  k: 64,
  epochs: 8,
  alpha0: 0.3,
  reg: 0.02,
  regExponent: 1,
  cgSteps: 3,
  ratingSlope: 0.6,
  targetSlope: 0,
};

type IalsInput = { [K in keyof IalsTrainOptions]?: number | undefined };

export function resolveIalsOptions(o: IalsInput): IalsTrainOptions {
  return {
    alpha0: o.alpha0 ?? IALS_DEFAULTS.alpha0,
    reg: o.reg ?? IALS_DEFAULTS.reg,
    regExponent: o.regExponent ?? IALS_DEFAULTS.regExponent,
    cgSteps: o.cgSteps ?? IALS_DEFAULTS.cgSteps,
    ratingSlope: o.ratingSlope ?? IALS_DEFAULTS.ratingSlope,
    targetSlope: o.targetSlope ?? IALS_DEFAULTS.targetSlope,
  };
}

/** Options of the SGD-trained kinds, and why iALS has no use for them. */
const NOT_FOR_IALS: Record<string, string> = {
  optimizer: 'alternating least squares has no optimiser',
  learningRate: 'alternating least squares has no step size',
  momentum: 'alternating least squares has no step size',
  lrDecay: 'alternating least squares has no step size',
  regW: 'use reg (iALS has no linear terms)',
  regV: 'use reg',
  chunk: 'every user and item row is solved once per sweep',
  maxChunks: 'every user and item row is solved once per sweep',
  averageFrom: 'each sweep solves the rows exactly enough; nothing is averaged',
  patience: 'there is no early stopping: sweeps are few and each costs the same',
  blend: 'ials is served as one model',
  shards: 'ials trains in one thread',
};

/** Cross-field rules of the schema: iALS options only with kind ials, and no SGD or MCMC option with it. */
export function checkIalsOptions(o: { kind: ModelKind; [key: string]: unknown }, ctx: z.RefinementCtx): void {
  const given = (key: string) => o[key] !== undefined;
  if (o.kind !== 'ials') {
    for (const key of Object.keys(ialsOptionShape))
      if (given(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'applies to kind "ials" only' });
    return;
  }
  if (o.method === 'mcmc')
    ctx.addIssue({
      code: 'custom',
      path: ['method'],
      message: 'kind ials is trained by alternating least squares',
    });
  for (const [key, why] of Object.entries(NOT_FOR_IALS))
    if (given(key))
      ctx.addIssue({ code: 'custom', path: [key], message: `does not apply to kind ials: ${why}` });
}
