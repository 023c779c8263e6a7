// One metric series as a stream: features from the recent past, a forest refit on a sliding window, and a
// threshold calibrated from the window's own score distribution.
import { fitForest } from '../forest/fit-forest.ts';
import { rangeAwareScore } from './range-aware-score.ts';
import type { ForestArrays, RandomSource } from '../forest/types.ts';
import { FEATURE_COUNT, FeatureExtractor, TIME_OF_DAY_FEATURE } from './feature-extractor.ts';

export type Verdict = 'warming-up' | 'normal' | 'anomaly';

/** A fitted per-series model: the forest plus where its scores usually sit. */
export interface SeriesModel {
  readonly forest: ForestArrays;
  /** Mean and deviation of the forest's scores over the window it was fitted on. */
  readonly scoreMean: number;
  readonly scoreStd: number;
  /** Raw score at or above which a point is an anomaly: scoreMean + zThreshold * scoreStd. */
  readonly threshold: number;
  /** Rows the forest was fitted on. */
  readonly trainedRows: number;
  /** Per-feature range of the fit window, so points beyond it can be isolated (see range-aware-score.ts). */
  readonly featureMin: Float64Array;
  readonly featureMax: Float64Array;
}

export interface PointResult {
  /** Raw Isolation Forest score in (0, 1]; null while warming up. */
  readonly score: number | null;
  /** Standard deviations above the window's usual score (smoothed over the last few points). */
  readonly z: number | null;
  readonly threshold: number | null;
  readonly verdict: Verdict;
}

export interface SeriesDetectorOptions {
  /** Points kept for refitting (the sliding window), default 1024. */
  windowSize?: number;
  /** Points needed before the first model; earlier points answer "warming-up". Default 96. */
  minPoints?: number;
  /** Refit after this many new points, default 128 (more often while the window is still filling). */
  refitEvery?: number;
  nTrees?: number;
  sampleSize?: number;
  /** Calibrated threshold in deviations above the window's mean score, default 4. */
  zThreshold?: number;
  /** Raw scores averaged into z, default 2: one noisy point alone should not alarm. */
  smoothing?: number;
  /** Where z's mean and deviation come from: the fit window's scores, or the scores streamed since. */
  calibration?: 'fit' | 'stream';
}

const CALIBRATION_ROWS = 256;

const DEFAULTS: Required<SeriesDetectorOptions> = {
  windowSize: 1024,
  minPoints: 96,
  refitEvery: 128,
  nTrees: 50,
  sampleSize: 256,
  zThreshold: 4,
  smoothing: 2,
  calibration: 'fit',
};

/**
 * Scores each pushed point against a model fitted only on earlier points, then adds it to the window.
 *
 * @example
 * const d = createSeriesDetector(createRng(1));
 * for (const p of points) console.log(d.push(p.t, p.v).verdict);
 */
export class SeriesDetector {
  readonly options: Required<SeriesDetectorOptions>;
  private readonly extractor = new FeatureExtractor();
  private readonly window: Float64Array;
  private readonly current = new Float64Array(FEATURE_COUNT);
  private readonly recentRaw: Float64Array;
  private readonly history: Float64Array;
  private histSum = 0;
  private histSq = 0;
  private histCount = 0;
  private filled = 0;
  private next = 0;
  private sinceFit = 0;
  private currentModel: SeriesModel | undefined;
  private warm = false;

  constructor(
    private readonly rng: RandomSource,
    options: SeriesDetectorOptions = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.window = new Float64Array(this.options.windowSize * FEATURE_COUNT);
    this.recentRaw = new Float64Array(Math.max(1, this.options.smoothing));
    this.history = new Float64Array(this.options.windowSize);
  }

  get model(): SeriesModel | undefined {
    return this.currentModel;
  }

  /** Points seen so far. */
  get seen(): number {
    return this.extractor.seen;
  }

  /**
   * Installs a model fitted elsewhere (for example loaded from the model store). `warm` says the series is known
   * to be past its warm-up even if only the last few points were replayed here.
   */
  setModel(model: SeriesModel, warm = false): void {
    this.warm = warm;
    if (model.forest.nFeatures !== FEATURE_COUNT) {
      throw new RangeError(`series models need ${FEATURE_COUNT} features, got ${model.forest.nFeatures}`);
    }
    this.currentModel = model;
    this.sinceFit = 0;
  }

  /** Adds a point to the window without scoring it, to rebuild state from stored history. */
  observe(timestampMs: number, value: number): void {
    this.extractor.push(timestampMs, value, this.current, 0);
    this.remember();
  }

  /** Scores the point from the past, then learns from it; refits when the schedule says so. */
  push(timestampMs: number, value: number, autoRefit = true): PointResult {
    const seenBefore = this.extractor.seen;
    this.extractor.push(timestampMs, value, this.current, 0);
    const model = this.currentModel;
    let result: PointResult = { score: null, z: null, threshold: null, verdict: 'warming-up' };
    if (model && (this.warm || seenBefore >= this.options.minPoints)) {
      const score = rangeAwareScore(model.forest, model.featureMin, model.featureMax, this.current, 0);
      const r = this.recentRaw;
      r[seenBefore % r.length] = score;
      let avg = 0;
      for (let i = 0; i < r.length; i++) avg += r[i]!;
      avg /= r.length;
      let mean = model.scoreMean;
      let std = model.scoreStd;
      if (this.options.calibration === 'stream' && this.histCount >= 32) {
        mean = this.histSum / this.histCount;
        std = Math.max(Math.sqrt(Math.max(0, this.histSq / this.histCount - mean * mean)), 0.005);
      }
      const z = (avg - mean) / std;
      const h = this.history;
      const slot = seenBefore % h.length;
      if (this.histCount === h.length) {
        this.histSum -= h[slot]!;
        this.histSq -= h[slot]! * h[slot]!;
      } else this.histCount++;
      h[slot] = avg;
      this.histSum += avg;
      this.histSq += avg * avg;
      result = {
        score,
        z,
        threshold: model.threshold,
        verdict: z >= this.options.zThreshold ? 'anomaly' : 'normal',
      };
    }
    this.remember();
    if (autoRefit && this.refitDue()) this.refit();
    return result;
  }

  /** True when enough new points arrived since the last fit (sooner while the window fills up). */
  refitDue(): boolean {
    if (this.filled < this.options.minPoints) return false;
    if (!this.currentModel) return true;
    const every = Math.min(this.options.refitEvery, Math.max(32, this.currentModel.trainedRows));
    return this.sinceFit >= every;
  }

  /** Fits a new forest on the window and calibrates its threshold from the window's scores. */
  refit(): SeriesModel {
    const rows = this.filled;
    const matrix = { data: this.window.subarray(0, rows * FEATURE_COUNT), rows, cols: FEATURE_COUNT };
    const forest = fitForest(matrix, this.rng, {
      nTrees: this.options.nTrees,
      sampleSize: this.options.sampleSize,
    });
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
    // Calibrate on at most CALIBRATION_ROWS rows spread evenly over the window: the mean and deviation settle
    // long before that, and scoring the whole window at every refit would cost more than all the streaming.
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
    const model = {
      forest,
      scoreMean,
      scoreStd,
      threshold: scoreMean + this.options.zThreshold * scoreStd,
      trainedRows: rows,
      featureMin,
      featureMax,
    };
    this.currentModel = model;
    this.sinceFit = 0;
    return model;
  }

  private remember(): void {
    this.window.set(this.current, this.next * FEATURE_COUNT);
    this.next = (this.next + 1) % this.options.windowSize;
    if (this.filled < this.options.windowSize) this.filled++;
    this.sinceFit++;
  }
}

export function createSeriesDetector(rng: RandomSource, options?: SeriesDetectorOptions): SeriesDetector {
  return new SeriesDetector(rng, options);
}
