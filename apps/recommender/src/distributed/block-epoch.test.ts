// The model-parallel kernel against the in-process one: with one block per side, a block cell is the whole
// MF, and training it must give the very same parameters as the in-process epoch; with more blocks, a DSGD
// epoch over the strata trains the model as well as a sequential epoch does.
import { createOptimizer, createRng, rmse } from '@suite/shared/ml';
import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { predictRatings } from '../model/predict.ts';
import { planEpoch } from '../training/epoch-plan.ts';
import { createEpochScratch, runEpoch } from '../training/fm-epoch.ts';
import { createEpochHyper, prepareTraining } from '../training/train-model.ts';
import { trainBlockEpoch } from './block-epoch.ts';
import { createBlockPartition, placeBlock, sliceBlock } from './block-partition.ts';
import { getStratum } from './dsgd-schedule.ts';

const data = createSyntheticData({ nUsers: 80, nItems: 50, perUser: 20 });
const input = { ratings: data.ratings, users: data.users, items: data.items };

function setup() {
  return prepareTraining(input, { kind: 'mf', k: 6, validationFraction: 0.1, seed: 3 });
}

describe('trainBlockEpoch', () => {
  it('with one block per side reproduces the in-process epoch exactly', () => {
    const { options, model, set } = setup();
    const size = model.layout.size;
    const state = new Float64Array(model.params.length);
    const { partition, grid } = createBlockPartition(set, 1, options.k);
    const out = trainBlockEpoch({
      users: sliceBlock(model.params, state, partition.userRows[0]!, 0, size, options.k),
      items: sliceBlock(model.params, state, partition.itemRows[0]!, set.nUsers, size, options.k),
      ratings: grid[0]![0]!,
      options,
      w0: model.params[0] as number,
      w0State: 0,
      lrScale: 1,
      seed: 11,
    });
    const p = model.params.slice();
    const opt = createOptimizer({ kind: options.optimizer, learningRate: options.learningRate }, p.length);
    const users = Int32Array.from({ length: set.nUsers }, (_, u) => u);
    const plan = planEpoch(set, users, options.chunk, options.maxChunks, createRng(11));
    const sse = runEpoch(
      set,
      p,
      opt,
      plan,
      createEpochHyper(model, options, 1),
      createEpochScratch(options.k),
    );
    expect(out.sse).toBe(sse);
    expect(out.w0Delta).toBe((p[0] as number) - (model.params[0] as number));
    const assembled = new Float64Array(p.length);
    assembled[0] = p[0] as number;
    placeBlock(assembled, out.users, partition.userRows[0]!, 0, size, options.k);
    placeBlock(assembled, out.items, partition.itemRows[0]!, set.nUsers, size, options.k);
    expect([...assembled]).toEqual([...p]);
  });

  it('trains 4 x 4 blocks on the stratified schedule at least as well as sequential epochs', () => {
    const B = 4;
    const { options, model, set, validation } = setup();
    const size = model.layout.size;
    const k = options.k;
    const { partition, grid } = createBlockPartition(set, B, k);
    const state = new Float64Array(model.params.length);
    const userBlocks = partition.userRows.map((r) => sliceBlock(model.params, state, r, 0, size, k));
    const itemBlocks = partition.itemRows.map((r) => sliceBlock(model.params, state, r, set.nUsers, size, k));
    let w0 = model.params[0] as number;
    const sequential = setup();
    const opt = createOptimizer(
      { kind: options.optimizer, learningRate: options.learningRate },
      size * (k + 1) + 1,
    );
    const all = Int32Array.from({ length: set.nUsers }, (_, u) => u);
    for (let epoch = 1; epoch <= 8; epoch++) {
      for (let s = 0; s < B; s++) {
        let dw = 0;
        for (let w = 0; w < B; w++) {
          const { userBlock: b, itemBlock: c } = getStratum(B, s, w);
          const out = trainBlockEpoch({
            users: userBlocks[b]!,
            items: itemBlocks[c]!,
            ratings: grid[b]![c]!,
            options,
            w0,
            w0State: 0,
            lrScale: 1,
            seed: epoch * 100 + s * 10 + w,
          });
          userBlocks[b] = out.users;
          itemBlocks[c] = out.items;
          dw += out.w0Delta / B;
        }
        w0 += dw;
      }
      const plan = planEpoch(set, all, options.chunk, options.maxChunks, createRng(epoch));
      runEpoch(
        set,
        sequential.model.params,
        opt,
        plan,
        createEpochHyper(model, options, 1),
        createEpochScratch(k),
      );
    }
    const params = new Float64Array(model.params.length);
    params[0] = w0;
    userBlocks.forEach((blk, b) => placeBlock(params, blk, partition.userRows[b]!, 0, size, k));
    itemBlocks.forEach((blk, c) => placeBlock(params, blk, partition.itemRows[c]!, set.nUsers, size, k));
    const v = validation!;
    const dsgd = rmse(predictRatings({ ...model, params }, v), v.rating);
    const seq = rmse(predictRatings(sequential.model, v), v.rating);
    const start = rmse(predictRatings(setup().model, v), v.rating);
    expect(dsgd).toBeLessThan(start - 0.05);
    // No worse than sequential epochs (on this small set it is better: 0.745 vs 0.810 when written).
    expect(dsgd).toBeLessThan(seq + 0.02);
  });
});
