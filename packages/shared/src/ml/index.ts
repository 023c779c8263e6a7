// Machine-learning building blocks shared by the apps: seeded randomness, optimisers, metrics, CSV input.
/**
 * @example
 * import { createRng, createOptimizer, rmse, readCsvRecords } from '@suite/shared/ml';
 *
 * const rng = createRng(42);
 * const w = Float32Array.from({ length: 8 }, () => rng.normal() * 0.01);
 * const opt = createOptimizer({ kind: 'momentum', learningRate: 0.01, momentum: 0.9 }, w.length);
 * opt.update(w, 3, 0.25); // one sparse coordinate
 *
 * const { rows, rejected } = readCsvRecords(csvText, RatingSchema); // bad rows reported, never thrown
 * rmse(predicted, actual);
 *
 * @module
 */
export { createRng, type Rng } from './rng.ts';
export { createOptimizer, type Optimizer, type OptimizerKind, type OptimizerOptions } from './optimizers.ts';
export { accuracy, auprc, auroc, hitRateAtK, macroF1, mae, ndcgAtK, rmse } from './metrics.ts';
export { parseCsv, type CsvOptions } from './csv.ts';
export {
  readCsvRecords,
  type CsvRecordOptions,
  type CsvRecordParser,
  type RejectedCsvRow,
} from './csv-records.ts';
