// Offline use: fit a calibrated forest on posted feature rows under a name (or import one exported from
// scikit-learn to ONNX), and score rows with it unstored.
import { createHash } from 'node:crypto';
import { ValidationError } from '@suite/shared/errors';
import { createRng } from '@suite/shared/ml';
import { fitForest, scoreMatrix, type Matrix } from '../forest/index.ts';
import type { SeriesModel } from '../stream/series-detector.ts';
import type { SeriesModelSource } from './model-registry.ts';

export interface FitRequest {
  rows: number[][];
  nTrees: number;
  sampleSize: number;
  seed: number;
  zThreshold: number;
}

/** Rows must be equally long; the zod schema already checked every cell is a finite number. */
function toMatrix(rows: number[][], expectedCols?: number): Matrix {
  const cols = expectedCols ?? rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, r) => {
    if (row.length !== cols) {
      throw new ValidationError(`row ${r} has ${row.length} features, expected ${cols}`, [
        { path: `rows.${r}`, message: `expected ${cols} features, got ${row.length}` },
      ]);
    }
    data.set(row, r * cols);
  });
  return { data, rows: rows.length, cols };
}

export async function fitNamedModel(models: SeriesModelSource, name: string, request: FitRequest) {
  const matrix = toMatrix(request.rows);
  const started = performance.now();
  const forest = fitForest(matrix, createRng(request.seed), {
    nTrees: request.nTrees,
    sampleSize: request.sampleSize,
  });
  const scores = scoreMatrix(forest, matrix);
  let mean = 0;
  for (const s of scores) mean += s;
  mean /= scores.length;
  let variance = 0;
  for (const s of scores) variance += (s - mean) ** 2;
  const std = Math.max(Math.sqrt(variance / scores.length), 1e-6);
  const featureMin = new Float64Array(matrix.cols).fill(Infinity);
  const featureMax = new Float64Array(matrix.cols).fill(-Infinity);
  for (let i = 0; i < matrix.data.length; i++) {
    const f = i % matrix.cols;
    featureMin[f] = Math.min(featureMin[f]!, matrix.data[i]!);
    featureMax[f] = Math.max(featureMax[f]!, matrix.data[i]!);
  }
  const model: SeriesModel = {
    featureMin,
    featureMax,
    forest,
    scoreMean: mean,
    scoreStd: std,
    // Named models score rows, not streams: their threshold is on the raw score, and no likelihood is kept.
    averageMean: mean,
    averageStd: std,
    threshold: mean + request.zThreshold * std,
    trainedRows: matrix.rows,
  };
  const fitMs = performance.now() - started;
  const version = await models.publishNamed(name, model, { source: 'api', seed: request.seed });
  return { name, version, rows: matrix.rows, features: matrix.cols, threshold: model.threshold, fitMs };
}

export interface OnnxImportRequest {
  /** Features per row the caller expects the model to take (the publish is refused when it takes another). */
  features?: number;
  /** Score above which a row is an anomaly; default from the graph's decision_function offset, else 0.5. */
  threshold?: number;
}

/**
 * Publishes a scikit-learn IsolationForest exported to ONNX under `name`, converted into the app's own forest, so
 * it scores at native speed. Imported models carry no in-sample score distribution: their threshold comes from
 * the export (decision_function < 0, scikit-learn's predict) or the request, and the calibration fields are unused.
 */
export async function importOnnxModel(
  models: SeriesModelSource,
  name: string,
  bytes: Uint8Array,
  request: OnnxImportRequest,
) {
  const started = performance.now();
  // Loaded on the first import only: onnx-proto's generated code stays out of the cold start.
  const { importIsolationForest } = await import('../onnx/import-isolation-forest.ts');
  const imported = importIsolationForest(bytes, request.features);
  const { a, b, c, output } = imported.formula;
  // output = a * score + b; a decision_function (a < 0, an offset b) says outlier below 0, at score b / |a|.
  const threshold = request.threshold ?? (a < 0 && b !== 0 ? b / -a : 0.5);
  const model: SeriesModel = {
    featureMin: imported.featureMin,
    featureMax: imported.featureMax,
    forest: imported.forest,
    scoreMean: threshold,
    scoreStd: 1,
    averageMean: threshold,
    averageStd: 1,
    threshold,
    trainedRows: 0,
  };
  const onnx = {
    input: imported.input,
    output,
    a,
    b,
    c,
    exactLeaves: imported.exactLeaves,
    leaves: imported.leaves,
  };
  const version = await models.publishNamed(name, model, {
    source: 'onnx',
    onnx,
    sampleSize: imported.forest.sampleSize,
    onnxSha256: createHash('sha256').update(bytes).digest('hex'),
  });
  return {
    name,
    version,
    source: 'onnx',
    features: imported.forest.nFeatures,
    trees: imported.forest.nTrees,
    sampleSize: imported.forest.sampleSize,
    threshold,
    onnx,
    convertMs: performance.now() - started,
  };
}

/** Scores rows; `decision` is threshold - score (negative: anomaly), scikit-learn's decision_function convention. */
export async function detectWithModel(models: SeriesModelSource, name: string, rows: number[][]) {
  const { model, version } = await models.getNamed(name);
  const matrix = toMatrix(rows, model.forest.nFeatures);
  const scores = scoreMatrix(model.forest, matrix);
  return {
    model: name,
    version,
    threshold: model.threshold,
    results: Array.from(scores, (score) => ({
      score,
      decision: model.threshold - score,
      anomaly: score > model.threshold,
    })),
  };
}
