// The training budget: options each within their own bound can still combine into a job of hours that would
// hold the instance, so a job is priced in work units and refused above a cap, whoever asks for it.
import type { TrainOptions } from './train-options.ts';

/**
 * Work units of a training job: epochs x factors x blended seeds (factor updates
 * dominate an epoch), and for the FM the implicit-factor steps per user and epoch relative to the default 8
 * (maxChunks bounds them; chunk 1 without a cap is ~7x an epoch on u1.base). The FM defaults cost 264
 * (~2.5 s CPU on MovieLens 100K); the cap allows ~15x that, so each option's own bound cannot combine
 * into a job of hours holding the instance.
 */
export const MAX_TRAIN_COST = 4000;

export function trainCost(o: TrainOptions): number {
  // A Gibbs sweep with k factors measured at about a quarter of an AdaGrad FM epoch with the same k.
  if (o.method === 'mcmc') return Math.ceil((o.epochs * Math.max(o.k, 1)) / 4);
  // An iALS sweep costs ratings x k x cgSteps plus rows x k^2 x cgSteps: its defaults (8 sweeps, k 64, 3 CG
  // steps, ~0.9 s CPU on MovieLens 100K) cost 103, and k = 256 with 20 sweeps is over the cap.
  if (o.kind === 'ials') return Math.ceil((o.epochs * o.k * Math.max(1, o.k / 64) * o.cgSteps) / 15);
  const implicit = o.kind === 'fm' ? Math.max(1, o.maxChunks / 8) : 1;
  return o.epochs * Math.max(o.k, 1) * o.blend * implicit;
}

/**
 * Why `o` exceeds the training budget, naming the options to lower, or undefined when it fits.
 *
 * @example
 * tryDescribeOverBudget(resolveTrainOptions({ k: 256, epochs: 500, blend: 8 })); // 'epochs x k x blend = ...'
 */
export function tryDescribeOverBudget(o: TrainOptions): string | undefined {
  const cost = trainCost(o);
  if (cost <= MAX_TRAIN_COST) return undefined;
  if (o.method === 'mcmc')
    return `epochs x k / 4 = ${cost} (epochs ${o.epochs}, k ${o.k}) exceeds the budget of ${MAX_TRAIN_COST}; lower epochs or k`;
  if (o.kind === 'ials')
    return (
      `epochs x k x max(1, k/64) x cgSteps / 15 = ${cost} (epochs ${o.epochs}, k ${o.k}, cgSteps ${o.cgSteps}) ` +
      `exceeds the budget of ${MAX_TRAIN_COST}; lower epochs, k or cgSteps`
    );
  return (
    `epochs x k x blend${o.kind === 'fm' ? ' x maxChunks/8' : ''} = ${cost} (epochs ${o.epochs}, k ${o.k}, blend ${o.blend}, maxChunks ${o.maxChunks}) ` +
    `exceeds the budget of ${MAX_TRAIN_COST}; lower epochs, k, blend or maxChunks`
  );
}
