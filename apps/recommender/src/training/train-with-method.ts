// One entry point for every training method: gradient training in this thread or in worker shards, Gibbs
// sampling, or alternating least squares for the `ials` ranking kind, as the resolved options say.
import { trainModelParallel } from './parallel-train.ts';
import { trainIalsModel } from './train-ials-model.ts';
import { trainMcmcSteps } from './train-mcmc.ts';
import { trainModelSteps, type EpochRecord, type TrainInput, type TrainResult } from './train-model.ts';
import type { TrainOptions } from './train-options.ts';

/**
 * Called after each epoch with its record and the share of the planned epochs done. Awaited: the in-thread
 * trainer yields to the event loop there (so the instance keeps answering), and a throw stops training.
 * Gradient training (in-thread or sharded) and MCMC (each Gibbs sweep) report every epoch as it ends; iALS
 * runs in one piece and reports its history once it ends.
 */
export type EpochHook = (record: EpochRecord, progress: number) => Promise<void>;

export async function trainWithMethod(
  input: TrainInput,
  options: TrainOptions,
  onEpoch?: EpochHook,
): Promise<TrainResult> {
  // Members of a blend train one after another, each for up to `epochs`.
  const planned = options.epochs * (options.method === 'sgd' && options.shards <= 1 ? options.blend : 1);
  const hook = onEpoch && ((r: EpochRecord, done: number) => onEpoch(r, Math.min(1, done / planned)));
  if (options.kind === 'ials') {
    const result = trainIalsModel(input, options);
    if (hook) for (const [i, r] of result.history.entries()) await hook(r, i + 1);
    return result;
  }
  if (options.method !== 'mcmc' && options.shards > 1) return trainModelParallel(input, options, hook);
  const steps = options.method === 'mcmc' ? trainMcmcSteps(input, options) : trainModelSteps(input, options);
  for (let done = 1; ; done++) {
    const step = steps.next();
    if (step.done) return step.value;
    if (hook) await hook(step.value, done);
  }
}
