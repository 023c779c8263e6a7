import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { createUserShards, mergeShardParams, trainModelParallel } from './parallel-train.ts';
import { prepareTraining, trainModel } from './train-model.ts';

const data = createSyntheticData({ nUsers: 80, nItems: 40, perUser: 20 });

describe('data-parallel training', () => {
  it('deals users into disjoint shards of similar rating counts', () => {
    const { set } = prepareTraining(data, { kind: 'mf', validationFraction: 0 });
    const shards = createUserShards(set, 3);
    const all = shards.flatMap((s) => Array.from(s)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 80 }, (_, u) => u));
  });

  it('averages a change over the shards that made it, so disjoint updates are kept whole', () => {
    const global = Float64Array.from([1, 1, 1]);
    mergeShardParams(global, [Float64Array.from([3, 1, 2]), Float64Array.from([1, 1, 4])]);
    expect(Array.from(global)).toEqual([3, 1, 3]);
  });

  it('refuses a seed blend instead of silently dropping it', async () => {
    await expect(
      trainModelParallel(data, { kind: 'fm', k: 4, epochs: 1, blend: 2, shards: 2 }),
    ).rejects.toThrow(/blend/);
  });

  it('trains with two worker threads to an accuracy close to one thread', async () => {
    const opts = { kind: 'fm', k: 4, epochs: 15, validationFraction: 0.2, seed: 9 } as const;
    const one = trainModel(data, opts);
    const two = await trainModelParallel(data, { ...opts, shards: 2 });
    expect(two.model.meta.shards).toBe(2);
    expect(two.validation!.rmse).toBeLessThan(one.validation!.rmse + 0.1);
  });
});
