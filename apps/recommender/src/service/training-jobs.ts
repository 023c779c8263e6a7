// Training and batch inference jobs: train from the stored data, publish the artifact and serve it at once;
// and write top-K for every user into the batch table.
import { ConflictError, ValidationError } from '@suite/shared/errors';
import type { ModelManifest } from '@suite/shared/models';
import { encodeModel } from '../model/artifact.ts';
import { getCatalogUserContext } from '../model/predict.ts';
import { createTopKHeap, getRankingBonus, topKForContext } from '../model/top-k.ts';
import { trainModelParallel } from '../training/parallel-train.ts';
import { trainModel, type TrainResult } from '../training/train-model.ts';
import { resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from '../training/train-options.ts';
import {
  loadTrainingData,
  replaceBatchRecommendations,
  type BatchEntry,
} from '../store/recommender-repository.ts';
import type { ServiceContext } from './recommender.ts';

export interface TrainReport {
  model: string;
  version: string;
  sizeBytes: number;
  kind: string;
  trainCount: number;
  validation: TrainResult['validation'] | null;
  bestEpoch: number;
  epochs: number;
  trainMs: number;
  options: TrainResult['options'];
}

const MIN_RATINGS = 10;

/**
 * Contexts with a training job in flight. A second job would compete for the same cores (up to 16 worker
 * threads each) and then lose the publish race anyway, so it is refused up front.
 */
const training = new WeakSet<ServiceContext>();

export async function trainAndPublish(ctx: ServiceContext, input: TrainOptionsInput): Promise<TrainReport> {
  const options = resolveTrainOptions(input);
  if (training.has(ctx))
    throw new ConflictError(
      'a training job is already running on this instance; retry when it has finished',
      { retryable: true },
    );
  training.add(ctx);
  try {
    return await trainAndPublishNow(ctx, options);
  } finally {
    training.delete(ctx);
  }
}

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

async function trainAndPublishNow(ctx: ServiceContext, options: TrainOptions): Promise<TrainReport> {
  const data = await loadTrainingData(ctx.db);
  if (data.ratings.user.length < MIN_RATINGS) {
    throw new ValidationError(
      `need at least ${MIN_RATINGS} stored ratings to train, found ${data.ratings.user.length}`,
      [{ path: 'ratings', message: 'import ratings first (POST /api/ratings/import)' }],
    );
  }
  const result = options.shards > 1 ? await trainModelParallel(data, options) : trainModel(data, options);
  assertFinite(result.model.params, options);
  const bytes = encodeModel(result.model);
  const manifest: ModelManifest = await ctx.store().publish(ctx.modelName, bytes, {
    metadata: {
      kind: options.kind,
      k: options.k,
      trainCount: result.trainCount,
      validation: result.validation ?? null,
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
    bestEpoch: result.bestEpoch,
    epochs: result.history.length,
    trainMs: Math.round(result.trainMs),
    options,
  };
}

export interface BatchResult {
  modelVersion: string | null;
  users: number;
  ms: number;
}

export async function runBatchInference(ctx: ServiceContext, k: number): Promise<BatchResult> {
  const started = performance.now();
  const loaded = await ctx.tryModel();
  if (!loaded) return { modelVersion: null, users: 0, ms: 0 };
  const { model, version } = loaded;
  const { catalog } = model;
  const heap = createTopKHeap(k);
  const bonus = getRankingBonus(model, model.rankingPrior);
  const entries: BatchEntry[] = [];
  for (let u = 0; u < catalog.userIds.length; u++) {
    const seen = catalog.seenItem.subarray(catalog.seenStart[u], catalog.seenStart[u + 1]);
    const top = topKForContext(model, getCatalogUserContext(model, u), { k, exclude: seen, heap, bonus });
    entries.push({
      userId: catalog.userIds[u] as number,
      items: top.map((s) => ({
        itemId: catalog.itemIds[s.item] as number,
        score: Number(s.score.toFixed(4)),
      })),
    });
  }
  await ctx.db.transaction((tx) => replaceBatchRecommendations(tx, version, entries));
  return { modelVersion: version, users: entries.length, ms: Math.round(performance.now() - started) };
}
