// Batch inference: top-K for every user the served model knows, written into the batch table in one
// transaction, so serving has an answer when no model can be loaded.
import { getCatalogUserContext } from '../model/predict.ts';
import { createTopKHeap, getRankingBonus, topKForContext } from '../model/top-k.ts';
import { replaceBatchRecommendations, type BatchEntry } from '../store/batch-repository.ts';
import type { ServiceContext } from './service-context.ts';

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
    // An ials user who rated nothing at training time has no factors to rank by; without a batch row the
    // fallback answers them with stored popularity instead.
    if (model.kind === 'ials' && seen.length === 0) continue;
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
