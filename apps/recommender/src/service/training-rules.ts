// The rules every training entry point obeys, POST /api/train and the retrain timer alike: options within
// their bounds and the training budget, and one job at a time per instance.
import { ConflictError, ValidationError } from '@suite/shared/errors';
import { tryDescribeOverBudget } from '../training/train-budget.ts';
import { resolveTrainOptions, type TrainOptions, type TrainOptionsInput } from '../training/train-options.ts';

/**
 * Complete `input` with the model kind's defaults and check it against the budget. Throws a ZodError naming
 * the field out of bounds, or a ValidationError when the options together exceed the budget.
 */
export function resolveWithinBudget(input: TrainOptionsInput): TrainOptions {
  const options = resolveTrainOptions(input);
  const overBudget = tryDescribeOverBudget(options);
  // `body.epochs`, as the HTTP API has always reported it.
  if (overBudget) throw new ValidationError(overBudget, [{ path: 'body.epochs', message: overBudget }]);
  return options;
}

/** Runs one job at a time; a job started meanwhile is refused at once. */
export interface JobGate {
  run<T>(job: () => Promise<T>): Promise<T>;
}

/**
 * A second training job would compete for the same cores (up to 16 worker threads each) and then lose the
 * publish race anyway, so it is refused up front with a retryable 409, before it spends any CPU.
 */
export function createJobGate(): JobGate {
  let running = false;
  return {
    async run(job) {
      if (running)
        throw new ConflictError(
          'a training job is already running on this instance; retry when it has finished',
          {
            retryable: true,
          },
        );
      running = true;
      try {
        return await job();
      } finally {
        running = false;
      }
    },
  };
}
