import { createOptimizer, createRng } from '@suite/shared/ml';
import { describe, expect, it } from 'vitest';
import { createSyntheticData } from '../data/synthetic.ts';
import { planEpoch } from './epoch-plan.ts';
import { createEpochScratch, runEpoch } from './fm-epoch.ts';
import { createEpochHyper, prepareTraining } from './train-model.ts';

const data = createSyntheticData({ nUsers: 60, nItems: 30, perUser: 15 });

/** Two epochs of the FM kernel with AdaGrad; returns the parameters and the optimiser state. */
function twoEpochs(sharedUpdate: boolean) {
  const { options, model, set } = prepareTraining(data, { kind: 'fm', k: 4, seed: 3, validationFraction: 0 });
  const opt = createOptimizer({ kind: 'adagrad', learningRate: options.learningRate }, model.params.length);
  const rng = createRng(11);
  const users = Int32Array.from({ length: set.nUsers }, (_, u) => u);
  const scratch = createEpochScratch(model.k);
  for (let epoch = 0; epoch < 2; epoch++) {
    const plan = planEpoch(set, users, options.chunk, options.maxChunks, rng);
    runEpoch(set, model.params, opt, plan, { ...createEpochHyper(model, options, 1), sharedUpdate }, scratch);
  }
  return { params: Array.from(model.params), state: Array.from(opt.state) };
}

describe('FM epoch kernel', () => {
  it('gives bit-identical parameters with its inlined AdaGrad step and with the shared optimiser', () => {
    const inlined = twoEpochs(false);
    const shared = twoEpochs(true);
    expect(inlined.params).toEqual(shared.params);
    expect(inlined.state).toEqual(shared.state);
    expect(inlined.state.some((g) => g > 0)).toBe(true);
  });
});
