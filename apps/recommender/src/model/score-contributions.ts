// Why a score: the FM's prediction split into one contribution per feature (its linear term plus half of every
// pairwise term it takes part in), plus the online overlay; for iALS, the rated items nearest the item instead.
import type { SparseBlock } from '../features/feature-space.ts';
import type { FmModel } from './fm-model.ts';
import type { UserOverlay } from './online-update.ts';

/** One feature's share of the score; `j` is its index in the model's feature vector (-1: the online overlay). */
export interface FeatureContribution {
  j: number;
  value: number;
}

export interface ScoreBreakdown {
  /** w0, the global mean every score starts from. */
  intercept: number;
  /** Per feature, largest magnitude first; intercept + their sum = the unclipped score. */
  contributions: FeatureContribution[];
}

/**
 * The FM score y = w0 + sum_j w_j x_j + sum_{j<l} <v_j, v_l> x_j x_l of a user block and an item block, as
 * intercept + one contribution per feature: c_j = w_j x_j + 1/2 sum_{l != j} <v_j, v_l> x_j x_l. For a model
 * of linear and pairwise terms this equal split of each pair is the Shapley value against the all-zero input,
 * so the contributions add up to the score exactly. An online overlay (bias b, factor delta d, folded in from
 * ratings since training) adds b + <d, s_user + s_item>, reported as one entry with j = -1. O(n k).
 */
export function explainScore(
  model: FmModel,
  user: SparseBlock,
  item: SparseBlock,
  overlay?: UserOverlay,
): ScoreBreakdown {
  const { params, k } = model;
  const V = 1 + model.layout.size;
  const idx = [...user.idx, ...item.idx];
  const val = [...user.val, ...item.val];
  // S_f = sum_l v_lf x_l over both blocks.
  const S = new Float64Array(k);
  for (let t = 0; t < idx.length; t++)
    for (let f = 0; f < k; f++) S[f]! += (params[V + idx[t]! * k + f] as number) * val[t]!;
  const contributions: FeatureContribution[] = [];
  for (let t = 0; t < idx.length; t++) {
    const j = idx[t]!;
    const x = val[t]!;
    let pair = 0;
    for (let f = 0; f < k; f++) {
      const vx = (params[V + j * k + f] as number) * x;
      pair += vx * ((S[f] as number) - vx);
    }
    contributions.push({ j, value: (params[1 + j] as number) * x + 0.5 * pair });
  }
  if (overlay) {
    let cross = overlay.bias;
    for (let f = 0; f < k; f++) cross += (overlay.factors[f] as number) * (S[f] as number);
    contributions.push({ j: -1, value: cross });
  }
  contributions.sort((a, b) => Math.abs(b.value) - Math.abs(a.value) || a.j - b.j);
  return { intercept: params[0] as number, contributions };
}

/**
 * For iALS, whose score is the single pairwise term <p_u, q_i> (a split of it per latent factor or per side
 * means nothing): the items the user rated whose factors are nearest item i's, by cosine, nearest first.
 */
export function nearestRatedItems(
  model: FmModel,
  i: number,
  rated: ArrayLike<number>,
  limit: number,
): Array<{ item: number; cosine: number }> {
  const { params, k } = model;
  const at = (item: number) => 1 + model.layout.size + (model.layout.item + item) * k;
  const norm = (o: number) => {
    let s = 0;
    for (let f = 0; f < k; f++) s += (params[o + f] as number) ** 2;
    return Math.sqrt(s);
  };
  const oi = at(i);
  const ni = norm(oi);
  const out: Array<{ item: number; cosine: number }> = [];
  for (const j of new Set(Array.from(rated))) {
    if (j === i) continue;
    const oj = at(j);
    let dot = 0;
    for (let f = 0; f < k; f++) dot += (params[oi + f] as number) * (params[oj + f] as number);
    const d = ni * norm(oj);
    out.push({ item: j, cosine: d > 0 ? dot / d : 0 });
  }
  return out.sort((a, b) => b.cosine - a.cosine || a.item - b.item).slice(0, limit);
}
