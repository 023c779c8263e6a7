// The factorisation machine y = w0 + sum w_i x_i + 1/2 sum_f [(sum v_if x_i)^2 - sum v_if^2 x_i^2] in O(kn),
// with parameters in one flat Float64Array: [w0, w_0..w_{n-1}, v_{0,0..k-1}, ..., v_{n-1,0..k-1}].
import type { Rng } from '@suite/shared/ml';
import type { Catalog } from '../features/catalog.ts';
import {
  createFeatureLayout,
  type FeatureFlags,
  type FeatureLayout,
  type SparseBlock,
} from '../features/feature-space.ts';

/**
 * The models behind one interface. They share the FM engine because biased MF is exactly an FM over
 * user and item one-hot vectors (w0 = mu, w_u = b_u, w_i = b_i, <v_u, v_i> = q_i . p_u), and the baseline is
 * the same with k = 0; the full FM adds side features and the implicit rated-items set. `ials` is the same
 * one-hot layout with zero linear terms, trained for top-K ranking on implicit feedback (see ials-model.ts):
 * its score is a preference in [0, 1], not a rating.
 */
export type ModelKind = 'baseline' | 'mf' | 'fm' | 'ials';
export const MODEL_KINDS: readonly ModelKind[] = ['baseline', 'mf', 'fm', 'ials'];

/** What an iALS model needs beyond its factors to fold a user in online: the loss it was trained with. */
export interface IalsSettings {
  alpha0: number;
  reg: number;
  regExponent: number;
  ratingSlope: number;
  targetSlope: number;
}

/** Feature groups each model kind uses. */
export function getFeatureFlags(kind: ModelKind): FeatureFlags {
  return kind === 'fm' ? { side: true, implicit: true } : { side: false, implicit: false };
}

/** A trained (or training) model. */
export interface FmModel {
  kind: ModelKind;
  k: number;
  catalog: Catalog;
  layout: FeatureLayout;
  params: Float64Array;
  /** Predictions are clipped to this range. */
  minRating: number;
  maxRating: number;
  /** Weight of the popularity prior in top-K ranking (0 = rank by predicted rating alone). */
  rankingPrior: number;
  /** Free-form training facts (metrics, options) carried into the artifact header. */
  meta: Record<string, unknown>;
  /** Present on `ials` models only. */
  ials?: IalsSettings;
}

/** A fresh model: w0 = mean rating, w = 0, v ~ N(0, initStd^2). */
export function createFmModel(options: {
  kind: ModelKind;
  k: number;
  catalog: Catalog;
  rng: Rng;
  initStd?: number;
  mean?: number;
  minRating?: number;
  maxRating?: number;
  rankingPrior?: number;
}): FmModel {
  const k = options.kind === 'baseline' ? 0 : options.k;
  const layout = createFeatureLayout(options.catalog, getFeatureFlags(options.kind));
  const params = new Float64Array(1 + layout.size * (1 + k));
  params[0] = options.mean ?? 3.5;
  const std = options.initStd ?? 0.05;
  for (let p = 1 + layout.size; p < params.length; p++) params[p] = std * options.rng.normal();
  return {
    kind: options.kind,
    k,
    catalog: options.catalog,
    layout,
    params,
    minRating: options.minRating ?? 1,
    maxRating: options.maxRating ?? 5,
    rankingPrior: options.rankingPrior ?? 0,
    meta: {},
  };
}

/** Clip a raw score into the rating range. */
export function clipRating(model: FmModel, y: number): number {
  return y < model.minRating ? model.minRating : y > model.maxRating ? model.maxRating : y;
}

/** Everything about one user that scoring needs: the constant part and the summed factor vector. */
export interface UserContext {
  /** w0 + sum over user features of w_j x_j + 1/2 sum_f (s_f^2 - sum v^2 x^2). */
  base: number;
  /** s_f = sum over user features of v_jf x_j. */
  s: Float64Array;
}

/** Constant and factor-sum per item, so a user-item score costs k multiply-adds. */
export interface ItemTable {
  constant: Float64Array;
  s: Float64Array;
}

/** A block's own share of every score (linear terms and its within-block pairs) and its factor sums s_f. */
function blockAggregates(model: FmModel, block: SparseBlock): { constant: number; s: Float64Array } {
  const { params, k } = model;
  const W = 1;
  const V = 1 + model.layout.size;
  const s = new Float64Array(k);
  let lin = 0;
  let sq = 0;
  for (let t = 0; t < block.idx.length; t++) {
    const j = block.idx[t] as number;
    const x = block.val[t] as number;
    lin += (params[W + j] as number) * x;
    const off = V + j * k;
    for (let f = 0; f < k; f++) {
      const vx = (params[off + f] as number) * x;
      s[f]! += vx;
      sq += vx * vx;
    }
  }
  let ss = 0;
  for (let f = 0; f < k; f++) ss += (s[f] as number) * (s[f] as number);
  return { constant: lin + 0.5 * (ss - sq), s };
}

/** Precompute the user's half of every score. */
export function createUserContext(model: FmModel, block: SparseBlock): UserContext {
  const { constant, s } = blockAggregates(model, block);
  return { base: (model.params[0] as number) + constant, s };
}

/** Precompute the item half of every score for all catalog items. */
export function createItemTable(model: FmModel, blockOf: (i: number) => SparseBlock): ItemTable {
  const nI = model.catalog.itemIds.length;
  const k = model.k;
  const constant = new Float64Array(nI);
  const s = new Float64Array(nI * k);
  for (let i = 0; i < nI; i++) {
    const item = blockAggregates(model, blockOf(i));
    constant[i] = item.constant;
    s.set(item.s, i * k);
  }
  return { constant, s };
}

/** Unclipped score of item i for a user context: base + constant_i + <s_user, s_item>. */
export function scoreItem(model: FmModel, user: UserContext, table: ItemTable, i: number): number {
  const k = model.k;
  let y = user.base + (table.constant[i] as number);
  const off = i * k;
  for (let f = 0; f < k; f++) y += (user.s[f] as number) * (table.s[off + f] as number);
  return y;
}

/** Clipped prediction for a user block and an item block (the O(kn) FM formula). */
export function predictBlocks(model: FmModel, user: SparseBlock, item: SparseBlock): number {
  const u = blockAggregates(model, user);
  const i = blockAggregates(model, item);
  let cross = 0;
  for (let f = 0; f < model.k; f++) cross += (u.s[f] as number) * (i.s[f] as number);
  return clipRating(model, (model.params[0] as number) + u.constant + i.constant + cross);
}
