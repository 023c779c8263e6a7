// The served form of an iALS ranking model: an FM over user and item one-hot features with zero linear terms,
// so the score <p_u, q_i> goes through the same item table, top-K heap, artifact and batch job as every other
// kind. A user is folded in online by solving their factors in closed form from everything they rated or
// clicked, with the item factors and the training loss fixed.
import type { Catalog } from '../features/catalog.ts';
import { createFeatureLayout } from '../features/feature-space.ts';
import { choleskySolve, scaledGram, type RowSystem } from './ials-solve.ts';
import { getFeatureFlags, type FmModel, type IalsSettings } from './fm-model.ts';
import type { UserOverlay } from './online-update.ts';

/** Build the served model from trained factors (row u of `userFactors` is catalog user u, likewise items). */
export function createIalsModel(
  catalog: Catalog,
  k: number,
  userFactors: Float64Array,
  itemFactors: Float64Array,
  settings: IalsSettings,
): FmModel {
  const layout = createFeatureLayout(catalog, getFeatureFlags('ials'));
  const params = new Float64Array(1 + layout.size * (1 + k));
  const v = 1 + layout.size;
  params.set(userFactors, v + layout.user * k);
  params.set(itemFactors, v + layout.item * k);
  return {
    kind: 'ials',
    k,
    catalog,
    layout,
    params,
    minRating: 0,
    maxRating: 1,
    rankingPrior: 0,
    meta: {},
    ials: { ...settings },
  };
}

/** Item i's factor row starts at this offset of `model.params`. */
export function itemFactorOffset(model: FmModel, i: number): number {
  return 1 + model.layout.size + (model.layout.item + i) * model.k;
}

const grams = new WeakMap<FmModel, Float64Array>();

/** alpha0 * Q^T Q over every item (memoised per model: items x k^2 / 2 multiply-adds once per load). */
export function getItemGram(model: FmModel): Float64Array {
  let g = grams.get(model);
  if (!g) {
    const nI = model.catalog.itemIds.length;
    const q = model.params.subarray(itemFactorOffset(model, 0), itemFactorOffset(model, nI));
    g = scaledGram(q, nI, model.k, requireSettings(model).alpha0);
    grams.set(model, g);
  }
  return g;
}

function requireSettings(model: FmModel): IalsSettings {
  if (model.kind !== 'ials' || !model.ials)
    throw new RangeError(`a ${model.kind} model has no iALS settings`);
  return model.ials;
}

/** What a user did, in dense item indexes: rated items with their rating; a click counts as a rating of 4. */
export interface ImplicitHistory {
  items: ArrayLike<number>;
  ratings: ArrayLike<number>;
}

/** The click's stand-in rating: a click says "wanted to see it", which the training loss targets as 1. */
export const CLICK_AS_RATING = 4;

/**
 * The exact iALS factors of a user with this history: the same row solve training makes, by Cholesky.
 * Items outside the catalog are skipped; a repeated item counts once (its last rating).
 */
export function foldInIalsUser(model: FmModel, history: ImplicitHistory): Float64Array {
  const s = requireSettings(model);
  const nI = model.catalog.itemIds.length;
  const last = new Map<number, number>();
  for (let t = 0; t < history.items.length; t++) {
    const i = history.items[t] as number;
    if (Number.isInteger(i) && i >= 0 && i < nI) last.set(i, history.ratings[t] as number);
  }
  const idx = new Int32Array(last.size);
  const w = new Float64Array(last.size);
  const wt = new Float64Array(last.size);
  let n = 0;
  let weight = 0;
  for (const [i, r] of last) {
    const c = Math.max(0, 1 + s.ratingSlope * (r - 3));
    const target = Math.min(1, Math.max(0, 1 + s.targetSlope * (r - 4)));
    idx[n] = model.layout.item + i;
    w[n] = c;
    wt[n] = c * target;
    weight += c;
    n++;
  }
  const system: RowSystem = {
    k: model.k,
    gram: getItemGram(model),
    y: model.params.subarray(1 + model.layout.size),
    idx,
    w,
    wt,
    a: 0,
    b: n,
    lambda: s.reg * Math.pow(weight + s.alpha0 * nI, s.regExponent),
  };
  return choleskySolve(system);
}

/**
 * The online overlay that makes a user's scores <p, q_i>: the overlay adds its factor d to the user's
 * catalog factors v_u (zero for a user the model does not know), and its bias -<v_u, d> cancels the cross
 * term the FM formula adds, so the shown score stays the preference itself.
 */
export function createIalsOverlay(model: FmModel, user: number, factors: Float64Array): UserOverlay {
  const k = model.k;
  const d = Float64Array.from(factors);
  let bias = 0;
  if (user >= 0) {
    const off = 1 + model.layout.size + (model.layout.user + user) * k;
    for (let f = 0; f < k; f++) {
      const v = model.params[off + f] as number;
      d[f] = (d[f] as number) - v;
      bias -= v * (d[f] as number);
    }
  }
  return { bias, factors: d };
}
