// Epoch bookkeeping shared by the in-thread and the data-parallel trainer: Polyak averaging, validation
// RMSE per epoch, early stopping with patience, and restoring the best parameters at the end.
import { rmse } from '@suite/shared/ml';
import type { Ratings } from '../data/types.ts';
import type { FmModel } from '../model/fm-model.ts';
import { predictRatings, resetItemTable } from '../model/predict.ts';
import type { TrainOptions } from './train-options.ts';

export interface EpochRecord {
  epoch: number;
  trainRmse: number;
  validationRmse?: number;
}

export interface EpochTracker {
  history: EpochRecord[];
  /** Record an epoch; returns false when training should stop. */
  record(epoch: number, sse: number, count: number): boolean;
  /** Put the chosen parameters into the model; returns the chosen epoch. */
  finish(): number;
}

export function createEpochTracker(
  model: FmModel,
  validation: Ratings | undefined,
  options: TrainOptions,
): EpochTracker {
  const history: EpochRecord[] = [];
  const avg = new Float64Array(options.averageFrom > 0 ? model.params.length : 0);
  let averaged = 0;
  let best: { rmse: number; epoch: number; params: Float64Array } = {
    rmse: Infinity,
    epoch: 0,
    params: model.params.slice(),
  };
  const hasValidation = validation !== undefined && validation.user.length > 0;
  return {
    history,
    record(epoch, sse, count) {
      const rec: EpochRecord = { epoch, trainRmse: Math.sqrt(sse / Math.max(1, count)) };
      history.push(rec);
      let candidate = model.params;
      if (options.averageFrom > 0 && epoch >= options.averageFrom) {
        averaged++;
        for (let p = 0; p < avg.length; p++)
          avg[p]! += ((model.params[p] as number) - (avg[p] as number)) / averaged;
        candidate = avg;
      }
      if (!hasValidation) {
        best = { rmse: NaN, epoch, params: candidate };
        return true;
      }
      const v = rmse(predictRatings({ ...model, params: candidate }, validation), validation.rating);
      rec.validationRmse = v;
      if (v < best.rmse) best = { rmse: v, epoch, params: candidate.slice() };
      return epoch - best.epoch < options.patience;
    },
    finish() {
      if (best.epoch > 0 && best.params !== model.params) model.params.set(best.params);
      resetItemTable(model);
      return best.epoch;
    },
  };
}
