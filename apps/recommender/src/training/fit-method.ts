// What fitted a model's parameters, as its manifest's `metadata.method` names it (the console's versions table
// shows it): the optimiser of a gradient run, the Gibbs sampler, or alternating least squares.
import type { OptimizerKind } from '@suite/shared/ml';

/** `sgd`, `momentum`, `adagrad`: gradient training with that optimiser; `mcmc`: Gibbs sampling; `als`: iALS. */
export type FitMethod = OptimizerKind | 'mcmc' | 'als';

/**
 * The fit method of a run from its options, wherever it ran (one process, function instances, the pipeline).
 *
 * @example fitMethodOf({ kind: 'fm', method: 'sgd', optimizer: 'adagrad' }) // 'adagrad'
 */
export function fitMethodOf(options: {
  kind: string;
  method?: string | undefined;
  optimizer: OptimizerKind;
}): FitMethod {
  if (options.kind === 'ials') return 'als';
  if (options.method === 'mcmc') return 'mcmc';
  return options.optimizer;
}
