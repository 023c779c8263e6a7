// HR@K / NDCG@K of a model and of most-popular on one split: test ratings >= 4 are relevant, candidates are
// all items the user did not rate in training.
import { hitRateAtK, ndcgAtK } from '@suite/shared/ml';
import type { Ratings } from '../src/data/types.ts';
import { getCatalogIndex } from '../src/features/catalog.ts';
import type { FmModel } from '../src/model/fm-model.ts';
import { getCatalogUserContext } from '../src/model/predict.ts';
import { createTopKHeap, getRankingBonus, topKForContext } from '../src/model/top-k.ts';

export interface RankingScore {
  hr: number;
  ndcg: number;
}

export function evaluateRanking(
  model: FmModel,
  test: Ratings,
  k = 10,
  prior = model.rankingPrior,
): { model: RankingScore; popularity: RankingScore } {
  const { catalog } = model;
  const index = getCatalogIndex(catalog);
  const relevant = Array.from(catalog.userIds, () => new Set<number>());
  for (let r = 0; r < test.user.length; r++) {
    if ((test.rating[r] as number) < 4) continue;
    const u = index.user.get(test.user[r] as number);
    const i = index.item.get(test.item[r] as number);
    if (u !== undefined && i !== undefined) relevant[u]!.add(i);
  }
  const heap = createTopKHeap(k);
  const bonus = getRankingBonus(model, prior);
  const seen = (u: number) => catalog.seenItem.subarray(catalog.seenStart[u], catalog.seenStart[u + 1]);
  const ranked = Array.from(catalog.userIds, (_, u) =>
    topKForContext(model, getCatalogUserContext(model, u), { k, exclude: seen(u), heap, bonus }).map(
      (s) => s.item,
    ),
  );
  const byCount = Array.from(catalog.itemIds, (_, i) => i).sort(
    (a, b) => (catalog.itemCount[b] as number) - (catalog.itemCount[a] as number) || a - b,
  );
  const pop = Array.from(catalog.userIds, (_, u) => {
    const s = new Set(seen(u));
    const out: number[] = [];
    for (const i of byCount) if (!s.has(i) && out.push(i) >= k) break;
    return out;
  });
  return {
    model: { hr: hitRateAtK(ranked, relevant, k), ndcg: ndcgAtK(ranked, relevant, k) },
    popularity: { hr: hitRateAtK(pop, relevant, k), ndcg: ndcgAtK(pop, relevant, k) },
  };
}
