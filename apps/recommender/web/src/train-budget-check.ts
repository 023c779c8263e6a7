// The training budget as the console's form sees it: the API's own price of a job (train-budget.ts) for the options
// the form sends, the others at the API's defaults, so the form stops a job POST /api/train would refuse, and words
// the limit in the form's fields (Epochs, Factors (k)), not in options it does not have (blend, maxChunks, cgSteps).
import type { ModelKind } from '../../src/model/fm-model.ts';
import { MAX_TRAIN_COST, trainCost, type PricedOptions } from '../../src/training/train-budget.ts';
import { ApiError } from '@suite/console/web/api-error.ts';

export { MAX_TRAIN_COST };

/** What the form sends: the model kind, epochs and factors. */
export interface FormChoice {
  kind: ModelKind;
  epochs: number;
  k: number;
}

/**
 * The API's defaults of the priced options the form does not send (resolveTrainOptions; train-budget-check.test.ts
 * holds them to it).
 */
const UNSENT = { method: 'sgd', samples: 32, cgSteps: 3, maxChunks: 8, blend: 1 } as const;

/** Work units of the job the form would start (the API prices it the same). */
export function formCost(c: FormChoice): number {
  const priced: PricedOptions = {
    ...UNSENT,
    kind: c.kind,
    epochs: c.epochs,
    k: c.kind === 'baseline' ? 0 : c.k,
  };
  return trainCost(priced);
}

/** The largest value in 1..below (exclusive) that `fits`, or 0 when none does. */
function largest(below: number, fits: (value: number) => boolean): number {
  for (let value = below - 1; value >= 1; value--) if (fits(value)) return value;
  return 0;
}

/**
 * Why the form's choice is over the budget `limit` (the API's), in the form's words with the values that fit, or
 * undefined when it fits.
 * @example budgetProblem({ kind: 'fm', epochs: 200, k: 128 })
 * // '200 epochs with 128 factors cost 25600 work units, over the training budget of 4000: lower Epochs to 31 ...'
 */
export function budgetProblem(c: FormChoice, limit = MAX_TRAIN_COST): string | undefined {
  const cost = formCost(c);
  if (cost <= limit) return undefined;
  const epochs = largest(c.epochs, (e) => formCost({ ...c, epochs: e }) <= limit);
  const k = c.kind === 'baseline' ? 0 : largest(c.k, (f) => formCost({ ...c, k: f }) <= limit);
  const ways = [epochs && `Epochs to ${epochs}`, k && `Factors (k) to ${k}`].filter(Boolean).join(' or ');
  return (
    `${c.epochs} epochs with ${c.k} factors cost ${cost} work units, over the training budget of ${limit}` +
    (ways ? `: lower ${ways}.` : ': lower Epochs and Factors (k).')
  );
}

/**
 * A refusal of POST /api/train in the form's words: over the budget, its limit and the values that fit (the API
 * names options the form does not have); undefined for any other failure, shown as the API said it.
 */
export function refusalInFormTerms(failure: unknown, c: FormChoice): string | undefined {
  if (!(failure instanceof ApiError) || failure.status !== 400) return undefined;
  const limit = /exceeds the budget of (\d+)/.exec(failure.detail)?.[1];
  if (limit === undefined) return undefined;
  const problem = budgetProblem(c, Number(limit));
  return `The API refused to train: ${problem ?? `these options are over its training budget of ${limit} work units; lower Epochs or Factors (k).`}`;
}
