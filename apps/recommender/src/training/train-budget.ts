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

/** The options a job's price depends on (the console's training form prices a job with these too). */
export type PricedOptions = Pick<
  TrainOptions,
  'kind' | 'method' | 'k' | 'epochs' | 'samples' | 'cgSteps' | 'maxChunks' | 'blend'
>;

/**
 * A Gibbs sweep with k factors costs about a quarter of an AdaGrad FM epoch with the same k (~2 ms per factor
 * on MovieLens 100K), and Rao-Blackwellising a kept sample one (k+1)^2 accumulation per rating plus a (k+1)^3
 * solve per item, measured at 15 ms, 0.29 s and 1.4 s CPU for k = 12, 64 and 128: (k+1)^2.3 / 300 units
 * over-estimates those by at most 1.6x. The defaults (k 12, 160 sweeps, 32 samples) cost 519.
 */
function mcmcCost(o: PricedOptions): number {
  const k = Math.max(o.k, 1);
  return Math.ceil((o.epochs * k) / 4 + (o.samples * Math.pow(o.k + 1, 2.3)) / 300);
}

/** Work units of a job with options `o` ({@link MAX_TRAIN_COST} is the most a job may cost). */
export function trainCost(o: PricedOptions): number {
  if (o.method === 'mcmc') return mcmcCost(o);
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
    return `epochs x k / 4 + samples x (k+1)^2.3 / 300 = ${cost} (epochs ${o.epochs}, k ${o.k}, samples ${o.samples}) exceeds the budget of ${MAX_TRAIN_COST}; lower epochs, k or samples`;
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
