// One entry point for every training method: gradient training in this thread or in worker shards, Gibbs
// sampling, or alternating least squares for the `ials` ranking kind, as the resolved options say.
import { trainModelParallel } from './parallel-train.ts';
import { trainIalsModel } from './train-ials-model.ts';
import { trainMcmc } from './train-mcmc.ts';
import { trainModel, type TrainInput, type TrainResult } from './train-model.ts';
import type { TrainOptions } from './train-options.ts';

export async function trainWithMethod(input: TrainInput, options: TrainOptions): Promise<TrainResult> {
  if (options.kind === 'ials') return trainIalsModel(input, options);
  if (options.method === 'mcmc') return trainMcmc(input, options);
  return options.shards > 1 ? trainModelParallel(input, options) : trainModel(input, options);
}
