// Top-K over all items for one user: k multiply-adds per item (item constants precomputed) and a bounded
// min-heap for partial selection, so no full sort of the catalog.
import { createUserContext, type FmModel, type UserContext } from './fm-model.ts';
import { getItemTable } from './predict.ts';

/** One recommended item (dense index) and its clipped score. */
export interface Scored {
  item: number;
  score: number;
  /** What the list is ordered by: the unclipped score plus the item's ranking bonus (set by topKForContext). */
  rankingScore?: number;
}

/** Reusable min-heap of (score, item) pairs of capacity K; the root is the weakest kept item. */
export interface TopKHeap {
  scores: Float64Array;
  items: Int32Array;
  size: number;
}

export function createTopKHeap(k: number): TopKHeap {
  return { scores: new Float64Array(k), items: new Int32Array(k), size: 0 };
}

function siftDown(h: TopKHeap, start: number): void {
  const { scores, items, size } = h;
  let i = start;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < size && (scores[l] as number) < (scores[m] as number)) m = l;
    if (r < size && (scores[r] as number) < (scores[m] as number)) m = r;
    if (m === i) return;
    const s = scores[i] as number;
    scores[i] = scores[m] as number;
    scores[m] = s;
    const t = items[i] as number;
    items[i] = items[m] as number;
    items[m] = t;
    i = m;
  }
}

function push(h: TopKHeap, score: number, item: number): void {
  const cap = h.scores.length;
  if (h.size < cap) {
    let i = h.size++;
    h.scores[i] = score;
    h.items[i] = item;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((h.scores[p] as number) <= (h.scores[i] as number)) break;
      const s = h.scores[i] as number;
      h.scores[i] = h.scores[p] as number;
      h.scores[p] = s;
      const t = h.items[i] as number;
      h.items[i] = h.items[p] as number;
      h.items[p] = t;
      i = p;
    }
  } else if (cap > 0 && score > (h.scores[0] as number)) {
    h.scores[0] = score;
    h.items[0] = item;
    siftDown(h, 0);
  }
}

/** Options of a top-K query. */
export interface TopKOptions {
  k: number;
  /** Dense item indexes to leave out (e.g. already rated); sorted ascending for the fast path. */
  exclude?: Int32Array | readonly number[];
  heap?: TopKHeap;
  /**
   * Per-item additive ranking bonus (e.g. a popularity prior): it changes which items win, not the rating
   * shown. Rating-trained models over-rank rarely rated items; see getRankingBonus.
   */
  bonus?: Float64Array;
}

const bonusCache = new WeakMap<FmModel, { beta: number; bonus: Float64Array }>();

/** bonus_i = beta * ln(1 + training ratings of i), memoised per model and beta. */
export function getRankingBonus(model: FmModel, beta: number): Float64Array | undefined {
  if (!(beta > 0)) return undefined;
  const hit = bonusCache.get(model);
  if (hit && hit.beta === beta) return hit.bonus;
  const bonus = Float64Array.from(model.catalog.itemCount, (c) => beta * Math.log1p(c));
  bonusCache.set(model, { beta, bonus });
  return bonus;
}

/** The K best items for a user context, best first; ties broken by lower item index. */
export function topKForContext(model: FmModel, user: UserContext, options: TopKOptions): Scored[] {
  const table = getItemTable(model);
  const nI = table.constant.length;
  const k = model.k;
  const heap =
    options.heap && options.heap.scores.length === options.k ? options.heap : createTopKHeap(options.k);
  heap.size = 0;
  const exclude = options.exclude ? Int32Array.from(options.exclude).sort() : new Int32Array(0);
  let ex = 0;
  const s = user.s;
  const ts = table.s;
  const tc = table.constant;
  const bonus = options.bonus;
  for (let i = 0; i < nI; i++) {
    while (ex < exclude.length && (exclude[ex] as number) < i) ex++;
    if (ex < exclude.length && exclude[ex] === i) continue;
    let y = user.base + (tc[i] as number) + (bonus ? (bonus[i] as number) : 0);
    const off = i * k;
    for (let f = 0; f < k; f++) y += (s[f] as number) * (ts[off + f] as number);
    // Tiny index-based tie-break keeps results deterministic when scores tie exactly.
    push(heap, y - i * 1e-12, i);
  }
  const out: Scored[] = [];
  for (let j = 0; j < heap.size; j++)
    out.push({ item: heap.items[j] as number, score: heap.scores[j] as number });
  out.sort((a, b) => b.score - a.score);
  const lo = model.minRating;
  const hi = model.maxRating;
  for (const o of out) {
    o.rankingScore = o.score + o.item * 1e-12;
    const raw = o.rankingScore - (bonus ? (bonus[o.item] as number) : 0);
    o.score = Math.min(hi, Math.max(lo, raw));
  }
  return out;
}

/** Convenience: top-K for a user block built by the caller. */
export function topK(
  model: FmModel,
  userBlock: Parameters<typeof createUserContext>[1],
  options: TopKOptions,
): Scored[] {
  return topKForContext(model, createUserContext(model, userBlock), options);
}

/** The K items with the most training ratings, leaving out `exclude` (dense indexes); score = that count. */
export function popularItems(model: FmModel, k: number, exclude: ReadonlySet<number>): Scored[] {
  const { itemCount } = model.catalog;
  const order = Array.from(itemCount.keys()).sort(
    (a, b) => (itemCount[b] as number) - (itemCount[a] as number) || a - b,
  );
  return order
    .filter((i) => !exclude.has(i))
    .slice(0, k)
    .map((i) => ({ item: i, score: itemCount[i] as number }));
}

/**
 * What serving answers for a user: with a scoring context, the top-K by score plus the model's ranking prior
 * (scores rounded to 4 decimals; `rankingScore` is what they are ordered by); without one, popularity. `seen`
 * (dense indexes) is left out either way.
 */
export function rankForServing(
  model: FmModel,
  context: UserContext | undefined,
  k: number,
  seen: readonly number[],
): { fromModel: boolean; items: Array<{ itemId: number; score: number; rankingScore?: number }> } {
  const ids = model.catalog.itemIds;
  if (!context) {
    const items = popularItems(model, k, new Set(seen));
    return { fromModel: false, items: items.map((s) => ({ itemId: ids[s.item] as number, score: s.score })) };
  }
  const top = topKForContext(model, context, {
    k,
    exclude: seen,
    bonus: getRankingBonus(model, model.rankingPrior),
  });
  return {
    fromModel: true,
    items: top.map((s) => ({
      itemId: ids[s.item] as number,
      score: Number(s.score.toFixed(4)),
      rankingScore: Number((s.rankingScore ?? s.score).toFixed(4)),
    })),
  };
}
