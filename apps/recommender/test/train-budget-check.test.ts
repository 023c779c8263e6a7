// The console's training form prices a job as POST /api/train does, and words the budget in its own fields.
import { describe, expect, it } from 'vitest';
import { ApiError } from '@suite/console/web/api-error.ts';
import type { ModelKind } from '../src/model/fm-model.ts';
import { resolveWithinBudget } from '../src/service/training-rules.ts';
import { trainCost } from '../src/training/train-budget.ts';
import { resolveTrainOptions } from '../src/training/train-options.ts';
import { budgetProblem, formCost, refusalInFormTerms } from '../web/src/train-budget-check.ts';
import { endedText, succeededText } from '../web/src/train-outcome.ts';

const KINDS: ModelKind[] = ['fm', 'mf', 'baseline', 'ials'];
const grid = KINDS.flatMap((kind) =>
  [1, 8, 20, 31, 32, 200].flatMap((epochs) => [1, 8, 20, 21, 64, 100, 128].map((k) => ({ kind, epochs, k }))),
);

/** What the API answers for `choice`: undefined when it takes it, else its refusal's message. */
function apiRefusal(choice: { kind: ModelKind; epochs: number; k: number }): string | undefined {
  try {
    resolveWithinBudget(choice);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('the training form against the API budget', () => {
  it('prices every choice of the form as the API does, and refuses exactly what the API refuses', () => {
    for (const choice of grid) {
      expect({ choice, cost: formCost(choice) }).toEqual({
        choice,
        cost: trainCost(resolveTrainOptions(choice)),
      });
      expect({ choice, refused: budgetProblem(choice) !== undefined }).toEqual({
        choice,
        refused: apiRefusal(choice) !== undefined,
      });
    }
  });

  it('stops 200 epochs with 128 factors, naming the budget and the values that fit', () => {
    const choice = { kind: 'fm' as const, epochs: 200, k: 128 };
    expect(budgetProblem(choice)).toBe(
      '200 epochs with 128 factors cost 25600 work units, over the training budget of 4000: lower Epochs to 31 or Factors (k) to 20.',
    );
    expect(budgetProblem({ ...choice, epochs: 31 })).toBeUndefined();
    expect(budgetProblem({ ...choice, k: 20 })).toBeUndefined();
    // The API names options the form does not have.
    expect(apiRefusal(choice)).toMatch(/lower epochs, k, blend or maxChunks$/);
  });

  it("words the API's refusal in the form's fields, with the API's own limit", () => {
    const choice = { kind: 'fm' as const, epochs: 200, k: 128 };
    const refusal = new ApiError(400, 'Bad Request', apiRefusal(choice)!);
    expect(refusalInFormTerms(refusal, choice)).toBe(
      'The API refused to train: 200 epochs with 128 factors cost 25600 work units, over the training budget of 4000: lower Epochs to 31 or Factors (k) to 20.',
    );
    // An API with a lower budget than the form knows (a newer server): its limit, the form's fields.
    const lower = new ApiError(
      400,
      'Bad Request',
      'epochs x k x blend x maxChunks/8 = 1600 (epochs 100, k 16, blend 1, maxChunks 8) exceeds the budget of 1000; lower epochs, k, blend or maxChunks',
    );
    expect(refusalInFormTerms(lower, { kind: 'fm', epochs: 100, k: 16 })).toBe(
      'The API refused to train: 100 epochs with 16 factors cost 1600 work units, over the training budget of 1000: lower Epochs to 62 or Factors (k) to 10.',
    );
    expect(
      refusalInFormTerms(new ApiError(409, 'Conflict', 'a training job is running'), choice),
    ).toBeUndefined();
  });

  it('says how a run ended, with its figures', () => {
    const report = {
      model: 'recommender',
      version: 'v3',
      kind: 'fm',
      trainCount: 339,
      validation: { rmse: 0.90123, mae: 0.7, count: 21 },
      bestEpoch: 9,
      epochs: 11,
      trainMs: 2314,
    };
    expect(succeededText(report)).toBe(
      'Training succeeded: version v3, 11 epochs (best 9), validation rmse 0.9012, validation mae 0.7000, 2.31 s.',
    );
    const history = [
      { epoch: 1, trainRmse: 1.2, validationRmse: 1.25 },
      { epoch: 2, trainRmse: 1.0, validationRmse: 1.1 },
    ];
    expect(endedText({ state: 'failed', history }, new Error('out of memory'))).toBe(
      'Training failed after epoch 2 (train RMSE 1.0000, validation RMSE 1.1000).',
    );
    expect(endedText({ state: 'running', history: [] }, new Error('training cancelled'))).toBe(
      'Training cancelled before its first epoch.',
    );
  });
});
