// Item-based kNN on implicit feedback: cosine similarity of item columns (who rated the item, ratings taken
// as 1), each item keeping its `neighbours` most similar items. A user's score for item i is the summed
// similarity of i to the items they rated. Memory is items x neighbours; a fit costs sum over users of
// (items rated)^2, done one item row at a time with a dense accumulator so nothing item x item is held.
import type { Interactions } from './interactions.ts';

/** Sparse similarity rows: neighbours of item j are neighbour[j*n .. j*n+count[j]) with weights in sim. */
export interface ItemNeighbours {
  nItems: number;
  width: number;
  count: Int32Array;
  neighbour: Int32Array;
  sim: Float32Array;
}

export interface ItemKnnOptions {
  neighbours: number;
  /** Added to the norm product (shrinks the similarity of rarely rated pairs). */
  shrink: number;
}

export const DEFAULT_ITEM_KNN: ItemKnnOptions = { neighbours: 200, shrink: 0 };

export function trainItemKnn(data: Interactions, input: Partial<ItemKnnOptions> = {}): ItemNeighbours {
  const { neighbours: width, shrink } = { ...DEFAULT_ITEM_KNN, ...input };
  const { nItems, itemStart, itemUser, userStart, userItem } = data;
  const norm = new Float64Array(nItems);
  for (let i = 0; i < nItems; i++)
    norm[i] = Math.sqrt((itemStart[i + 1] as number) - (itemStart[i] as number));
  const count = new Int32Array(nItems);
  const neighbour = new Int32Array(nItems * width);
  const sim = new Float32Array(nItems * width);
  const acc = new Float64Array(nItems);
  const touched = new Int32Array(nItems);
  const order = new Int32Array(nItems);
  for (let i = 0; i < nItems; i++) {
    let nTouched = 0;
    for (let p = itemStart[i] as number; p < (itemStart[i + 1] as number); p++) {
      const u = itemUser[p] as number;
      for (let q = userStart[u] as number; q < (userStart[u + 1] as number); q++) {
        const j = userItem[q] as number;
        if (j === i) continue;
        if (acc[j] === 0) touched[nTouched++] = j;
        acc[j]! += 1;
      }
    }
    for (let t = 0; t < nTouched; t++) {
      const j = touched[t] as number;
      acc[j] = (acc[j] as number) / ((norm[i] as number) * (norm[j] as number) + shrink);
      order[t] = j;
    }
    const chosen = order.subarray(0, nTouched);
    if (nTouched > width) chosen.sort((a, b) => (acc[b] as number) - (acc[a] as number) || a - b);
    const n = Math.min(width, nTouched);
    count[i] = n;
    for (let t = 0; t < n; t++) {
      const j = chosen[t] as number;
      neighbour[i * width + t] = j;
      sim[i * width + t] = acc[j] as number;
    }
    for (let t = 0; t < nTouched; t++) acc[touched[t] as number] = 0;
  }
  return { nItems, width, count, neighbour, sim };
}

/**
 * Scores of every item for a user who rated `items` (dense indexes): sum over rated j of sim(j, i) taken from
 * j's neighbour row, so the cost is |items| x neighbours.
 */
export function scoreItemKnn(
  model: ItemNeighbours,
  items: ArrayLike<number>,
  out: Float64Array,
  a = 0,
  b = items.length,
): void {
  out.fill(0);
  const { width, count, neighbour, sim } = model;
  for (let t = a; t < b; t++) {
    const j = items[t] as number;
    const off = j * width;
    const n = count[j] as number;
    for (let s = 0; s < n; s++) out[neighbour[off + s] as number]! += sim[off + s] as number;
  }
}
