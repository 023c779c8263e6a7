// The rules every training entry point obeys, POST /api/train and the retrain timer alike: options within
// their bounds and the training budget. One job at a time is the job table's (see the facade).
import { ValidationError } from '@suite/shared/errors';
import { tryDescribeOverBudget } from '../training/train-budget.ts';
import { resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from '../training/train-options.ts';

/**
 * Complete `input` with the model kind's defaults and check it against the budget. Throws a ZodError naming
 * the field out of bounds, or a ValidationError when the options together exceed the budget.
 */
export function resolveWithinBudget(input: TrainOptionsInput): TrainOptions {
  const options = resolveTrainOptions(input);
  const overBudget = tryDescribeOverBudget(options);
  // Reported at `epochs`, the knob a caller turns down first.
  if (overBudget) throw new ValidationError(overBudget, [{ path: 'epochs', message: overBudget }]);
  return options;
}
