// The body of POST /api/training-runs: mode, workers, merge rounds (data mode) and the FM training options of
// POST /api/train, with the options that do not apply to distributed training refused by name.
import { z } from 'zod';
import { ValidationError } from '@suite/shared/errors';
import { trainOptionsSchema, type TrainOptionsInput } from '../training/train-options.ts';

const requestObject = z
  .object({
    /** `data`: user shards, averaged after each round; `model`: DSGD over user x item blocks of a biased MF. */
    mode: z.enum(['data', 'model']),
    /** Work units per step: shards (data) or blocks per side (model). */
    workers: z.number().int().min(1).max(64),
    /** Data mode: merges per epoch (each shard's epoch cut into this many rounds). Default 8. */
    rounds: z.number().int().min(1).max(64).optional(),
    options: trainOptionsSchema.optional(),
  })
  .strict();

/**
 * The request, with the model kind defaulting by mode before the options are parsed (the options' own default
 * is `fm`, which a model-parallel run cannot train). Only absent options take the default: `options: null` is
 * refused in both modes, as every optional object of the API is.
 */
export const trainingRunRequestSchema = z.preprocess((raw) => {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as { mode?: unknown; options?: unknown };
  if (r.mode !== 'model') return raw;
  const options = r.options === undefined ? {} : r.options;
  if (typeof options !== 'object' || options === null || Array.isArray(options) || 'kind' in options)
    return raw;
  return { ...r, options: { ...options, kind: 'mf' } };
}, requestObject);

export type TrainingRunRequest = z.infer<typeof trainingRunRequestSchema>;

/** Default merges per epoch in data mode (README: RMSE against rounds). */
export const DEFAULT_ROUNDS = 8;

/** The FM schedule of data-parallel runs with 4 or more shards when the request sets no `epochs`. */
export const LONG_DATA_SCHEDULE = { epochs: 24, averageFrom: 10, patience: 6 } as const;

const NOT_DISTRIBUTED = ['shards', 'blend', 'burnIn', 'samples'] as const;

/**
 * The training options of a run, completed with the mode's model kind (`fm` for data, `mf` for model); a
 * ValidationError names an option a distributed run cannot honour.
 */
export function toTrainOptions(req: TrainingRunRequest): TrainOptionsInput {
  const options: TrainOptionsInput = req.options ?? {};
  const issues: { path: string; message: string }[] = [];
  for (const name of NOT_DISTRIBUTED)
    if (options[name] !== undefined)
      issues.push({
        path: `options.${name}`,
        message: 'not supported by distributed runs (use workers)',
      });
  if (options.method !== undefined && options.method !== 'sgd')
    issues.push({ path: 'options.method', message: 'distributed runs train by sgd' });
  const kind = options.kind ?? (req.mode === 'model' ? 'mf' : 'fm');
  if (kind === 'ials') issues.push({ path: 'options.kind', message: 'ials is not trained by SGD' });
  if (req.mode === 'model' && kind !== 'mf')
    issues.push({ path: 'options.kind', message: 'model-parallel runs train the biased MF (kind mf)' });
  if (req.mode === 'model' && req.rounds !== undefined)
    issues.push({ path: 'rounds', message: 'a model-parallel epoch has one step per block (workers)' });
  if (issues.length > 0) throw new ValidationError('these options do not apply to a distributed run', issues);
  // Averaging N shards moves shared parameters about 1/N as far per round, so with 4 or more shards the FM
  // needs more epochs to get as far (README: +0.007 / +0.013 test RMSE with 11 epochs at 4 / 8 shards,
  // +0.0002 / +0.0027 with this schedule). Given options win.
  if (req.mode === 'data' && kind === 'fm' && req.workers >= 4 && options.epochs === undefined)
    return { ...LONG_DATA_SCHEDULE, ...options, kind };
  return { ...options, kind };
}
