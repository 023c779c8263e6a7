// The visiting order of an FM epoch: each user's ratings shuffled and cut into chunks (the implicit factors
// step once per chunk), the chunks shuffled across users. Seeded, so an epoch repeats exactly.
import type { Rng } from '@suite/shared/ml';
import type { TrainingSet } from './training-set.ts';

/** The visiting order of one epoch. */
export interface EpochPlan {
  /** (user, from, to) triples: each chunk is `order[from..to)`, all of one user's examples. */
  chunks: Int32Array;
  /** Example indexes, permuted within each listed user's segment (other segments are unused). */
  order: Int32Array;
}

/**
 * Plan an epoch: shuffle each listed user's examples, cut them into chunks of at least `chunk` ratings and at
 * most `maxChunks` per user, shuffle the chunks.
 */
export function planEpoch(
  set: TrainingSet,
  users: Int32Array,
  chunk: number,
  maxChunks: number,
  rng: Rng,
): EpochPlan {
  const order = new Int32Array(set.exItem.length);
  const triples: number[] = [];
  for (const u of users) {
    const a = set.userExStart[u] as number;
    const b = set.userExStart[u + 1] as number;
    for (let t = a; t < b; t++) order[t] = t;
    // Fisher-Yates on the user's segment.
    for (let t = b - 1; t > a; t--) {
      const s = a + rng.nextInt(t - a + 1);
      const tmp = order[t] as number;
      order[t] = order[s] as number;
      order[s] = tmp;
    }
    // Heavy users get longer chunks: the implicit step costs |N(u)| * k per chunk, so cap chunks per user.
    const size = Math.max(chunk, Math.ceil((b - a) / maxChunks));
    for (let t = a; t < b; t += size) triples.push(u, t, Math.min(b, t + size));
  }
  const nChunks = triples.length / 3;
  const perm = new Int32Array(nChunks);
  for (let c = 0; c < nChunks; c++) perm[c] = c;
  rng.shuffle(perm);
  const plan = new Int32Array(triples.length);
  for (let c = 0; c < nChunks; c++) {
    const src = (perm[c] as number) * 3;
    plan[c * 3] = triples[src] as number;
    plan[c * 3 + 1] = triples[src + 1] as number;
    plan[c * 3 + 2] = triples[src + 2] as number;
  }
  return { chunks: plan, order };
}
