// Online (incremental) learning: a per-user overlay that acts as one extra one-hot feature with bias b and
// factor d, fitted by a few SGD steps on that user's recent ratings only. Item parameters stay fixed, so the
// item table remains valid and an update costs O(steps * ratings * k).
import { buildUserBlock, type UserFacts } from '../features/feature-space.ts';
import { createUserContext, type FmModel, type UserContext } from './fm-model.ts';
import { getItemTable } from './predict.ts';

/** The learned per-user correction; zero for a user with no events since training. */
export interface UserOverlay {
  bias: number;
  factors: Float64Array;
}

export interface OnlineOptions {
  steps: number;
  learningRate: number;
  reg: number;
}

export const DEFAULT_ONLINE: OnlineOptions = { steps: 5, learningRate: 0.02, reg: 0.05 };

export function createOverlay(k: number): UserOverlay {
  return { bias: 0, factors: new Float64Array(k) };
}

/**
 * A user context with the overlay folded in. The virtual feature (x = 1) adds b + <s, d> to the constant
 * part, since it interacts pairwise with every other user feature, and d to the factor sum.
 */
export function applyOverlay(base: UserContext, overlay: UserOverlay | undefined): UserContext {
  if (!overlay) return base;
  const k = base.s.length;
  const s = new Float64Array(k);
  let cross = 0;
  for (let f = 0; f < k; f++) {
    const d = overlay.factors[f] as number;
    cross += (base.s[f] as number) * d;
    s[f] = (base.s[f] as number) + d;
  }
  return { base: base.base + overlay.bias + cross, s };
}

/** The scoring context of a user from facts (catalog or fresh) plus any overlay. */
export function getUserContext(model: FmModel, facts: UserFacts, overlay?: UserOverlay): UserContext {
  return applyOverlay(createUserContext(model, buildUserBlock(model.layout, facts)), overlay);
}

/**
 * Fold ratings into a user's overlay: `steps` SGD passes over `history` (dense item index, rating) with the
 * implicit set taken from `facts` (which should already include the new items). Returns a new overlay.
 */
export function foldInRatings(
  model: FmModel,
  facts: UserFacts,
  history: ReadonlyArray<{ item: number; rating: number }>,
  overlay: UserOverlay | undefined,
  options: OnlineOptions = DEFAULT_ONLINE,
): UserOverlay {
  const k = model.k;
  const next: UserOverlay = overlay
    ? { bias: overlay.bias, factors: Float64Array.from(overlay.factors) }
    : createOverlay(k);
  const ctx = createUserContext(model, buildUserBlock(model.layout, facts));
  const table = getItemTable(model);
  const nI = table.constant.length;
  const { learningRate: lr, reg } = options;
  for (let step = 0; step < options.steps; step++) {
    for (const { item, rating } of history) {
      if (item < 0 || item >= nI) continue;
      const off = item * k;
      let y = ctx.base + next.bias + (table.constant[item] as number);
      for (let f = 0; f < k; f++) {
        const s = ctx.s[f] as number;
        const d = next.factors[f] as number;
        y += s * d + (s + d) * (table.s[off + f] as number);
      }
      // The step moves y by lr * err * |g|^2 (g = the gradient of y: 1 for the bias, s + t per factor), so
      // beyond lr * |g|^2 = 2 every step overshoots further than the last and the overlay diverges (an MCMC
      // model's 384 factors: scores of -3e24 after one rating). Capped at 1 / |g|^2, a step at most lands on
      // the rating; a small model (|g|^2 < 1 / lr) steps at lr as before.
      let g2 = 1;
      for (let f = 0; f < k; f++) g2 += ((ctx.s[f] as number) + (table.s[off + f] as number)) ** 2;
      const step = Math.min(lr, 1 / g2);
      const err = y - rating;
      next.bias -= step * (err + reg * next.bias);
      for (let f = 0; f < k; f++) {
        const d = next.factors[f] as number;
        const grad = err * ((ctx.s[f] as number) + (table.s[off + f] as number)) + reg * d;
        next.factors[f] = d - step * grad;
      }
    }
  }
  return next;
}
