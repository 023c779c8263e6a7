// Scoring: the served model's predicted rating for one (user, item) pair, with the user seen as serving sees
// them (stored history since training, side features, online overlay).
import { NotFoundError } from '@suite/shared/errors';
import { getCatalogIndex } from '../features/catalog.ts';
import { clipRating, scoreItem } from '../model/fm-model.ts';
import { getItemTable } from '../model/predict.ts';
import type { ServiceContext } from './service-context.ts';
import { getUserView, tryGetServingContext } from './user-view.ts';

export interface ScoreResult {
  userId: number;
  itemId: number;
  score: number;
  modelVersion: string;
  source: 'model' | 'cold-start';
}

export async function scoreFor(ctx: ServiceContext, userId: number, itemId: number): Promise<ScoreResult> {
  const loaded = await ctx.tryModel();
  if (!loaded) throw new NotFoundError('no recommender model is published yet; POST /api/train first');
  const { model, version } = loaded;
  const i = getCatalogIndex(model.catalog).item.get(itemId);
  if (i === undefined) throw new NotFoundError(`item ${itemId} is not in the model`);
  const view = await getUserView(ctx.db, ctx.overlays, model, version, userId);
  // A user the model has nothing on scores the item's constant part (0 for `ials`): the mean, as before.
  const context = tryGetServingContext(model, view) ?? {
    base: model.params[0] as number,
    s: new Float64Array(model.k),
  };
  const y = scoreItem(model, context, getItemTable(model), i);
  return {
    userId,
    itemId,
    score: Number(clipRating(model, y).toFixed(4)),
    modelVersion: version,
    source: view.known ? 'model' : 'cold-start',
  };
}
