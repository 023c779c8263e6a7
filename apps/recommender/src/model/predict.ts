// Batch prediction for (user, item) pairs given by raw id, with unknown users and items handled gracefully.
import type { Ratings } from '../data/types.ts';
import { getCatalogIndex } from '../features/catalog.ts';
import { buildItemBlock, buildUserBlock, getCatalogUserFacts } from '../features/feature-space.ts';
import {
  clipRating,
  createItemTable,
  createUserContext,
  scoreItem,
  type FmModel,
  type ItemTable,
  type UserContext,
} from './fm-model.ts';

const tables = new WeakMap<FmModel, ItemTable>();

/** The per-item precomputation of a model (memoised; item parameters never change after training). */
export function getItemTable(model: FmModel): ItemTable {
  let t = tables.get(model);
  if (!t) {
    t = createItemTable(model, (i) => buildItemBlock(model.layout, model.catalog, i));
    tables.set(model, t);
  }
  return t;
}

/** Forget the memoised item table (after item parameters changed in place, e.g. between epochs). */
export function resetItemTable(model: FmModel): void {
  tables.delete(model);
}

/** User context of a catalog user from its training facts. */
export function getCatalogUserContext(model: FmModel, u: number): UserContext {
  return createUserContext(model, buildUserBlock(model.layout, getCatalogUserFacts(model.catalog, u)));
}

/** Clipped predictions for every row of `pairs`. Unknown users score from item terms alone, unknown items from the mean. */
export function predictRatings(model: FmModel, pairs: Pick<Ratings, 'user' | 'item'>): Float64Array {
  const index = getCatalogIndex(model.catalog);
  const table = getItemTable(model);
  const contexts = new Map<number, UserContext>();
  const none: UserContext = { base: model.params[0] as number, s: new Float64Array(model.k) };
  const out = new Float64Array(pairs.user.length);
  for (let r = 0; r < out.length; r++) {
    const uid = pairs.user[r] as number;
    let ctx = contexts.get(uid);
    if (!ctx) {
      const u = index.user.get(uid);
      ctx = u === undefined ? none : getCatalogUserContext(model, u);
      contexts.set(uid, ctx);
    }
    const i = index.item.get(pairs.item[r] as number);
    out[r] = clipRating(model, i === undefined ? ctx.base : scoreItem(model, ctx, table, i));
  }
  return out;
}
