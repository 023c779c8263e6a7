// Serving: top-K for a user from the loaded model (known users, or cold start from side features and
// whatever they rated since), popularity for users with no signal at all, and the batch table or stored
// popularity when no model is loaded. Never an error for an unknown user.
import type { ModelKind } from '../model/fm-model.ts';
import { rankForServing } from '../model/top-k.ts';
import { getBatchRecommendations } from '../store/batch-repository.ts';
import { getItemTitles, getPopularItems } from '../store/item-repository.ts';
import type { ServiceContext } from './service-context.ts';
import { getUserView, tryGetServingContext } from './user-view.ts';

export type RecommendationSource = 'model' | 'cold-start' | 'popularity' | 'batch';

export interface Recommendation {
  userId: number;
  source: RecommendationSource;
  modelVersion: string | null;
  /** The kind of model that ranked the list (`ials` scores are preferences, not ratings); null when none did. */
  modelKind: ModelKind | null;
  /**
   * `score` is the predicted rating (clipped; a preference in [0, 1] for `ials`, a rating count for popularity);
   * model lists are ordered by `rankingScore`, the unclipped score plus the item's popularity bonus.
   */
  items: Array<{ itemId: number; score: number; rankingScore?: number; title?: string | null }>;
}

async function withTitles(ctx: ServiceContext, rec: Recommendation): Promise<Recommendation> {
  const titles = await getItemTitles(
    ctx.db,
    rec.items.map((i) => i.itemId),
  );
  return { ...rec, items: rec.items.map((i) => ({ ...i, title: titles.get(i.itemId) ?? null })) };
}

export async function recommendFor(
  ctx: ServiceContext,
  userId: number,
  k: number,
  excludeSeen: boolean,
): Promise<Recommendation> {
  const loaded = await ctx.tryModel();
  if (!loaded) {
    const batch = await getBatchRecommendations(ctx.db, userId);
    if (batch)
      return withTitles(ctx, {
        userId,
        source: 'batch',
        modelVersion: batch.version,
        modelKind: null,
        items: batch.items.slice(0, k),
      });
    const popular = await getPopularItems(ctx.db, k, excludeSeen ? userId : undefined);
    return withTitles(ctx, {
      userId,
      source: 'popularity',
      modelVersion: null,
      modelKind: null,
      items: popular.map((p) => ({ itemId: p.itemId, score: p.count })),
    });
  }
  const { model, version } = loaded;
  const view = await getUserView(ctx.db, ctx.overlays, model, version, userId);
  const seen = excludeSeen ? (view.facts.rated as number[]) : [];
  const ranked = rankForServing(model, tryGetServingContext(model, view), k, seen);
  return withTitles(ctx, {
    userId,
    source: ranked.fromModel ? (view.known ? 'model' : 'cold-start') : 'popularity',
    modelVersion: version,
    modelKind: ranked.fromModel ? model.kind : null,
    items: ranked.items,
  });
}
