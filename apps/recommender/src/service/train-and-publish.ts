// The training job: train from the stored data, refuse a diverged model, publish the artifact and serve it
// at once. The rules on who may start a job (budget, one at a time) live in the facade.
import { ValidationError } from '@suite/shared/errors';
import type { ModelManifest } from '@suite/shared/models';
import { encodeModel } from '../model/artifact.ts';
import type { TrainResult } from '../training/train-model.ts';
import { fitMethodOf } from '../training/fit-method.ts';
import { trainWithMethod, type EpochHook } from '../training/train-with-method.ts';
import type { TrainOptions } from '../training/train-options.ts';
import { loadTrainingData } from '../store/history-repository.ts';
import type { ServiceContext } from './service-context.ts';

export interface TrainReport {
  model: string;
  version: string;
  sizeBytes: number;
  kind: string;
  trainCount: number;
  validation: TrainResult['validation'] | null;
  /** Top-10 quality on the carve-out, for the `ials` ranking kind. */
  rankingValidation?: TrainResult['rankingValidation'];
  bestEpoch: number;
  epochs: number;
  trainMs: number;
  options: TrainResult['options'];
}

const MIN_RATINGS = 10;

/**
 * A step size too large for the data diverges to NaN or Infinity; publishing that would replace the served
 * model with one scoring null for everything. The artifact stores float32, hence the fround.
 */
function assertFinite(params: Float64Array, options: TrainOptions): void {
  for (let i = 0; i < params.length; i++) {
    if (!Number.isFinite(Math.fround(params[i] as number))) {
      throw new ValidationError(
        `training diverged (non-finite parameters) with ${options.optimizer} at learningRate ${options.learningRate}; nothing was published`,
        [
          {
            path: 'learningRate',
            message: `too large for this data with ${options.optimizer}; try a smaller one (default ${options.kind} step sizes are 0.001-0.05)`,
          },
        ],
      );
    }
  }
}

/** Train on the stored data with resolved `options` (`onEpoch` after each epoch), publish the artifact and serve it at once. */
export async function trainAndPublish(
  ctx: ServiceContext,
  options: TrainOptions,
  onEpoch?: EpochHook,
): Promise<TrainReport> {
  const data = await loadTrainingData(ctx.db);
  if (data.ratings.user.length < MIN_RATINGS) {
    throw new ValidationError(
      `need at least ${MIN_RATINGS} stored ratings to train, found ${data.ratings.user.length}`,
      [{ path: 'ratings', message: 'import ratings first (POST /api/ratings/import)' }],
    );
  }
  const result = await trainWithMethod(data, options, onEpoch);
  assertFinite(result.model.params, options);
  const bytes = encodeModel(result.model);
  const manifest: ModelManifest = await ctx.store().publish(ctx.modelName, bytes, {
    metadata: {
      kind: options.kind,
      // What fitted it (the optimiser, mcmc or als), not the request's method family.
      method: fitMethodOf(options),
      // The served k: an MCMC artifact blends `samples` posterior samples of k factors each.
      k: result.model.k,
      trainCount: result.trainCount,
      validation: result.validation ?? null,
      ...(result.rankingValidation ? { rankingValidation: result.rankingValidation } : {}),
      bestEpoch: result.bestEpoch,
    },
  });
  ctx.cache.set(ctx.modelName, {
    name: ctx.modelName,
    version: manifest.version,
    model: result.model,
    loadMs: 0,
    loadedAt: new Date(),
  });
  return {
    model: ctx.modelName,
    version: manifest.version,
    sizeBytes: manifest.sizeBytes,
    kind: options.kind,
    trainCount: result.trainCount,
    validation: result.validation ?? null,
    ...(result.rankingValidation ? { rankingValidation: result.rankingValidation } : {}),
    bestEpoch: result.bestEpoch,
    epochs: result.history.length,
    trainMs: Math.round(result.trainMs),
    options,
  };
}
