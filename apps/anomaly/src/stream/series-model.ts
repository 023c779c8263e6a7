// A fitted per-series model and how it is fitted: the forest, its feature ranges, and the score levels it is judged by.
import { fitForest } from '../forest/fit-forest.ts';
import type { ForestArrays, RandomSource } from '../forest/types.ts';
import { FEATURE_COUNT, TIME_OF_DAY_FEATURE } from './feature-extractor.ts';

const VALUE_FEATURE = 0;
import { rangeAwareScore } from './range-aware-score.ts';
import { LIKELIHOOD_MIN_STD, type ScoreDistribution } from './score-likelihood.ts';

/** A fitted per-series model: the forest plus where its scores usually sit. */
export interface SeriesModel {
  readonly forest: ForestArrays;
  /** Mean and deviation of the forest's scores over the window it was fitted on (in-sample). */
  readonly scoreMean: number;
  readonly scoreStd: number;
  /**
   * The likelihood's reference: mean and deviation of the 20-point mean of the scores the series streamed before
   * the fit (see score-likelihood.ts). A model fitted before enough scores were streamed, or published in the first
   * artifact format, uses its in-sample scoreMean and scoreStd here.
   */
  readonly averageMean: number;
  readonly averageStd: number;
  /**
   * The 20-point mean score at or above which a point alarms: averageMean + zThreshold * averageStd (a mean as far
   * below averageMean alarms too).
   */
  readonly threshold: number;
  /** Rows the forest was fitted on. */
  readonly trainedRows: number;
  /** Per-feature range of the fit window: points beyond it can be isolated, and a value beyond it alarms. */
  readonly featureMin: Float64Array;
  readonly featureMax: Float64Array;
}

export interface FitSettings {
  nTrees: number;
  sampleSize: number;
  zThreshold: number;
}

/** Calibration uses at most this many window rows, spread evenly: the mean and deviation settle long before. */
const CALIBRATION_ROWS = 256;

/** Fits a forest on `rows` feature rows and calibrates it; `reference` is the streamed scores' distribution. */
export function fitSeriesModel(
  data: Float64Array,
  rows: number,
  rng: RandomSource,
  settings: FitSettings,
  reference: ScoreDistribution | undefined,
  valueRange?: { low: number; high: number },
): SeriesModel {
  const matrix = { data: data.subarray(0, rows * FEATURE_COUNT), rows, cols: FEATURE_COUNT };
  const forest = fitForest(matrix, rng, { nTrees: settings.nTrees, sampleSize: settings.sampleSize });
  const featureMin = new Float64Array(FEATURE_COUNT).fill(Infinity);
  const featureMax = new Float64Array(FEATURE_COUNT).fill(-Infinity);
  for (let i = 0; i < rows * FEATURE_COUNT; i++) {
    const f = i % FEATURE_COUNT;
    const v = matrix.data[i]!;
    if (v < featureMin[f]!) featureMin[f] = v;
    if (v > featureMax[f]!) featureMax[f] = v;
  }
  // A young series has seen only part of the day; the next hour is not out of range, just not seen yet.
  featureMin[TIME_OF_DAY_FEATURE] = 0;
  featureMax[TIME_OF_DAY_FEATURE] = 1;
  // The range values are judged against, when the caller narrowed it (one-point excursions fading: decayed-range.ts).
  if (valueRange && valueRange.high >= valueRange.low) {
    featureMin[VALUE_FEATURE] = valueRange.low;
    featureMax[VALUE_FEATURE] = valueRange.high;
  }
  const step = Math.max(1, Math.floor(rows / CALIBRATION_ROWS));
  let sum = 0;
  let sumSq = 0;
  let used = 0;
  for (let i = 0; i < rows; i += step) {
    const s = rangeAwareScore(forest, featureMin, featureMax, matrix.data, i * FEATURE_COUNT);
    sum += s;
    sumSq += s * s;
    used++;
  }
  const scoreMean = sum / used;
  // A floor keeps a perfectly regular window from turning any wobble into an infinite z.
  const scoreStd = Math.max(Math.sqrt(Math.max(0, sumSq / used - scoreMean * scoreMean)), 0.01);
  const averageMean = reference?.mean ?? scoreMean;
  const averageStd = reference?.std ?? scoreStd;
  return {
    forest,
    scoreMean,
    scoreStd,
    averageMean,
    averageStd,
    threshold: averageMean + settings.zThreshold * Math.max(averageStd, LIKELIHOOD_MIN_STD),
    trainedRows: rows,
    featureMin,
    featureMax,
  };
}
