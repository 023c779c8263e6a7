// Train a Bayesian FM by Gibbs sampling and serve its posterior mean as one FM: the kept samples (each with its
// items' parameters at their conditional means, rao-blackwell.ts) are blended (linear terms averaged, factor
// rows concatenated and scaled by 1/sqrt(M)), which is exactly the mean of their predictions before clipping.
// The mean of the sampled parameters is not served: on MovieLens it predicts worse than one sample
// (bench/RESULTS.md), since the chain drifts along rotations of the factor space and the mean factors shrink.
import { blendModels } from './blend-models.ts';
import { finishTraining, prepareTraining, type TrainInput, type TrainResult } from './train-model.ts';
import type { TrainOptions } from './train-options.ts';
import { sampleFmSteps } from './sample-fm.ts';
import type { EpochRecord } from './epoch-tracker.ts';

export function trainMcmc(input: TrainInput, options: TrainOptions): TrainResult {
  const steps = trainMcmcSteps(input, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** `trainMcmc` one Gibbs sweep at a time: yields each sweep's record, returns the result. */
export function* trainMcmcSteps(
  input: TrainInput,
  options: TrainOptions,
): Generator<EpochRecord, TrainResult> {
  const started = performance.now();
  const { train, validation, model, set } = prepareTraining(input, options);
  const steps = sampleFmSteps(model, set, {
    iterations: options.epochs,
    burnIn: options.burnIn,
    keep: options.samples,
    initStd: options.initStd,
    seed: options.seed,
    raoBlackwell: true,
  });
  let step = steps.next();
  for (; !step.done; step = steps.next())
    yield { epoch: step.value.iteration, trainRmse: step.value.trainRmse };
  const chain = step.value;
  const members = chain.samples.map((params) => ({ ...model, params }));
  const served =
    members.length > 1 ? blendModels(members) : { ...model, params: chain.samples[0] as Float64Array };
  const history = chain.trainRmse.map((trainRmse, i) => ({ epoch: i + 1, trainRmse }));
  const posterior = {
    samples: members.length,
    sampleK: model.k,
    sweeps: options.epochs,
    burnIn: options.burnIn,
    noisePrecision: chain.alpha.at(-1) ?? null,
  };
  return finishTraining(served, options, history, options.epochs, started, train, validation, { posterior });
}
