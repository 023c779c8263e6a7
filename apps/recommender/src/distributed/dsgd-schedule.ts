// The stratified schedule of DSGD (Gemulla, Nijkamp, Haas and Sismanis, KDD 2011): users and items are cut
// into B blocks each; in sub-epoch (step) s worker b updates block (b, (b + s) mod B). The B blocks of a step
// share no user and no item, so the workers write disjoint parameters, and B steps visit every block once.

/** Which user block and item block worker `worker` trains in `step` (0 <= step < blocks). */
export function getStratum(
  blocks: number,
  step: number,
  worker: number,
): { userBlock: number; itemBlock: number } {
  if (!(blocks >= 1 && step >= 0 && step < blocks && worker >= 0 && worker < blocks))
    throw new RangeError(`no stratum for worker ${worker}, step ${step} of ${blocks} blocks`);
  return { userBlock: worker, itemBlock: (worker + step) % blocks };
}

/**
 * Deal `count` rows (users or items) into `blocks` blocks balanced by `weight` (ratings per row): heaviest
 * first, each to the lightest block so far, so no block (and no stratum) is much slower than the others.
 * Returns the block of every row and each block's rows in ascending order.
 */
export function partitionRows(
  weight: ArrayLike<number>,
  blocks: number,
): { blockOf: Int32Array; rows: Int32Array[] } {
  const count = weight.length;
  const order = Array.from({ length: count }, (_, r) => r);
  order.sort((a, b) => (weight[b] as number) - (weight[a] as number) || a - b);
  const load = new Float64Array(blocks);
  const blockOf = new Int32Array(count);
  const lists: number[][] = Array.from({ length: blocks }, () => []);
  for (const r of order) {
    let best = 0;
    for (let b = 1; b < blocks; b++) if ((load[b] as number) < (load[best] as number)) best = b;
    blockOf[r] = best;
    lists[best]!.push(r);
    load[best]! += weight[r] as number;
  }
  return { blockOf, rows: lists.map((l) => Int32Array.from(l.sort((a, b) => a - b))) };
}
