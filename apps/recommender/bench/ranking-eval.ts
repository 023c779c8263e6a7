// HR@K / NDCG@K of any scorer on one train/test pair, with the protocol of ranking-metrics.ts: test ratings
// >= 4 are relevant, the candidates are all catalog items the user did not rate in training.
import { hitRateAtK, ndcgAtK } from '@suite/shared/ml';
import type { Ratings } from '../src/data/types.ts';
import { createCatalog, getCatalogIndex, type Catalog } from '../src/features/catalog.ts';
import { createTopKHeap } from '../src/model/top-k.ts';
import { createInteractions, type Interactions } from '../src/training/interactions.ts';
import type { MovielensSplit } from '../src/data/movielens.ts';

/** Fills `out` (one slot per item) with user u's ranking scores; higher is better. */
export type UserScorer = (u: number, out: Float64Array) => void;

/** One prepared train/test pair in dense index space. */
export interface RankingTask {
  name: string;
  catalog: Catalog;
  data: Interactions;
  relevant: Set<number>[];
}

export function createRankingTask(
  split: Pick<MovielensSplit, 'name' | 'users' | 'items' | 'train' | 'test'>,
): RankingTask {
  const catalog = createCatalog(split.train, split.users, split.items);
  const data = createInteractions(catalog, split.train);
  return { name: split.name, catalog, data, relevant: relevantSets(catalog, split.test) };
}

export function relevantSets(catalog: Catalog, test: Ratings): Set<number>[] {
  const index = getCatalogIndex(catalog);
  const relevant = Array.from(catalog.userIds, () => new Set<number>());
  for (let r = 0; r < test.user.length; r++) {
    if ((test.rating[r] as number) < 4) continue;
    const u = index.user.get(test.user[r] as number);
    const i = index.item.get(test.item[r] as number);
    if (u !== undefined && i !== undefined) relevant[u]!.add(i);
  }
  return relevant;
}

/** The top-k lists of every user with at least one relevant item (others get an empty list). */
export function rankAll(task: RankingTask, score: UserScorer, k = 10): number[][] {
  const { data } = task;
  const scores = new Float64Array(data.nItems);
  const heap = createTopKHeap(k);
  return task.relevant.map((rel, u) => {
    if (rel.size === 0) return [];
    score(u, scores);
    for (let p = data.userStart[u] as number; p < (data.userStart[u + 1] as number); p++)
      scores[data.userItem[p] as number] = -Infinity;
    heap.size = 0;
    for (let i = 0; i < data.nItems; i++) {
      const y = scores[i] as number;
      if (y === -Infinity) continue;
      if (heap.size < k) {
        heap.scores[heap.size] = y;
        heap.items[heap.size++] = i;
        if (heap.size === k) sortHeap(heap);
      } else if (y > (heap.scores[k - 1] as number)) insertSorted(heap, y, i);
    }
    if (heap.size < k) sortHeap(heap);
    return Array.from(heap.items.subarray(0, heap.size));
  });
}

// A sorted array of k is simpler than a heap here and as fast for k = 10.
function sortHeap(h: { scores: Float64Array; items: Int32Array; size: number }): void {
  const order = Array.from({ length: h.size }, (_, j) => j).sort(
    (a, b) =>
      (h.scores[b] as number) - (h.scores[a] as number) || (h.items[a] as number) - (h.items[b] as number),
  );
  const s = order.map((j) => h.scores[j] as number);
  const it = order.map((j) => h.items[j] as number);
  h.scores.set(s);
  h.items.set(it);
}

function insertSorted(h: { scores: Float64Array; items: Int32Array }, y: number, i: number): void {
  let j = h.scores.length - 1;
  while (j > 0 && y > (h.scores[j - 1] as number)) {
    h.scores[j] = h.scores[j - 1] as number;
    h.items[j] = h.items[j - 1] as number;
    j--;
  }
  h.scores[j] = y;
  h.items[j] = i;
}

export function evaluateScorer(task: RankingTask, score: UserScorer, k = 10): { hr: number; ndcg: number } {
  const ranked = rankAll(task, score, k);
  return { hr: hitRateAtK(ranked, task.relevant, k), ndcg: ndcgAtK(ranked, task.relevant, k) };
}
