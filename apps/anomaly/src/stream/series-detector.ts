// One metric series as a stream: features from the recent past, a forest refit on a sliding window, the anomaly
// likelihood of its recent scores, and an alarm for values beyond the window's range.
import type { RandomSource } from '../forest/types.ts';
import { FEATURE_COUNT, FeatureExtractor } from './feature-extractor.ts';
import { rangeAwareScore } from './range-aware-score.ts';
import { ScoreLikelihood, type ScoreDistribution } from './score-likelihood.ts';
import { SERIES_DETECTOR_DEFAULTS, type SeriesDetectorOptions } from './series-detector-options.ts';
import { decayedValueRange } from './decayed-range.ts';
import { fitSeriesModel, type SeriesModel } from './series-model.ts';
import { ValueRange } from './value-range.ts';

export type { SeriesModel } from './series-model.ts';
export type { SeriesDetectorOptions } from './series-detector-options.ts';
export type Verdict = 'warming-up' | 'normal' | 'anomaly';

/** Window rows a detector starts with; it doubles them up to windowSize as points arrive. */
const INITIAL_ROWS = 128;

/** Column of the raw value in a feature row (see FEATURE_NAMES). */
const VALUE_FEATURE = 0;

export interface PointResult {
  /** Raw Isolation Forest score in (0, 1]; null while warming up. */
  readonly score: number | null;
  /** The mean of the last 20 scores in deviations of its usual distribution (the likelihood's z). */
  readonly z: number | null;
  /** The 20-point mean score at which the verdict turns anomaly (the model's threshold). */
  readonly threshold: number | null;
  /** Anomaly level in [0, 1] (HTM's log likelihood; 1 for a value beyond the range), what NAB is scored on. */
  readonly level: number | null;
  readonly verdict: Verdict;
}

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
  private readonly likelihood = new ScoreLikelihood();
  // The window's rows (a ring of windowSize rows once full). It starts small and doubles as it fills, before it
  // first wraps, so slots never move: a detector replaying a few points (ingest builds one per series of a batch)
  // no longer zeroes 8,192 rows it will not use (0.4 MB; most of the CPU of a batch of one-point series).
  private window: Float64Array;
  /** 1 for a window row left out of fits: a glitch's (see value-range.ts). */
  private excluded: Uint8Array;
  /** 1 for a window row that was a one-point excursion: its part of the value range fades (decayed-range.ts). */
  private excursion: Uint8Array;
  private readonly current = new Float64Array(FEATURE_COUNT);
  private filled = 0;
  private next = 0;
  private sinceFit = 0;
  private currentModel: SeriesModel | undefined;
  private warm = false;
  /** Range of the values in the fit window and of the values seen since, glitches left out. */
  private readonly range: ValueRange;

  constructor(
    private readonly rng: RandomSource,
    options: SeriesDetectorOptions = {},
  ) {
    this.options = { ...SERIES_DETECTOR_DEFAULTS, ...options };
    const rows = Math.min(this.options.windowSize, INITIAL_ROWS);
    this.window = new Float64Array(rows * FEATURE_COUNT);
    this.excluded = new Uint8Array(rows);
    this.excursion = new Uint8Array(rows);
    this.range = new ValueRange(
      this.options.rangeTolerance,
      this.options.glitchFactor,
      this.options.excursionFactor,
    );
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
   * to be past its warm-up even if only the last few points were replayed here. Install it before replaying the
   * points that followed its fit, so their values widen its range.
   */
  setModel(model: SeriesModel, warm = false): void {
    this.warm = warm;
    if (model.forest.nFeatures !== FEATURE_COUNT) {
      throw new RangeError(`series models need ${FEATURE_COUNT} features, got ${model.forest.nFeatures}`);
    }
    this.install(model);
  }

  /**
   * Adds a point to the window without scoring it, to rebuild state from stored history. `storedScore` is the raw
   * score the point got when it was first scored (null while it was warming up), so the likelihood resumes.
   */
  observe(timestampMs: number, value: number, storedScore: number | null = null): void {
    const judging = this.warm || this.extractor.seen >= this.options.minPoints;
    const previous = this.settle(value);
    this.extractor.push(timestampMs, value, this.current, 0);
    if (storedScore !== null) this.likelihood.add(storedScore, this.reference(), this.options.zThreshold);
    this.range.add(value, previous, this.remember(), judging);
  }

  /** Scores the point from the past, then learns from it; refits when the schedule says so. */
  push(timestampMs: number, value: number, autoRefit = true): PointResult {
    const seenBefore = this.extractor.seen;
    const previous = this.settle(value);
    this.extractor.push(timestampMs, value, this.current, 0);
    const model = this.currentModel;
    const judging = model !== undefined && (this.warm || seenBefore >= this.options.minPoints);
    let result: PointResult = { score: null, z: null, threshold: null, level: null, verdict: 'warming-up' };
    if (model && judging) {
      const score = rangeAwareScore(model.forest, model.featureMin, model.featureMax, this.current, 0);
      const l = this.likelihood.add(score, this.reference(), this.options.zThreshold);
      const beyond = this.range.side(value) !== 0;
      result = {
        score,
        z: l.z,
        threshold: model.threshold,
        level: beyond ? 1 : l.level,
        verdict: beyond || l.alarm ? 'anomaly' : 'normal',
      };
    }
    this.range.add(value, previous, this.remember(), judging);
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

  /**
   * Fits a new forest on the window, glitches and a value still held beyond the range left out; its likelihood
   * reference is the distribution of the scores streamed so far.
   */
  refit(): SeriesModel {
    const { nTrees, sampleSize, zThreshold } = this.options;
    const held = this.range.holding ? this.range.holdingSlot : -1;
    let rows = 0;
    let data = this.window;
    for (let slot = 0; slot < this.filled; slot++) {
      if (this.excluded[slot] === 1 || slot === held) {
        if (data === this.window) data = this.window.slice(0, this.filled * FEATURE_COUNT);
        continue;
      }
      if (data !== this.window)
        data.copyWithin(rows * FEATURE_COUNT, slot * FEATURE_COUNT, (slot + 1) * FEATURE_COUNT);
      rows++;
    }
    const { windowSize, excursionHalfLife } = this.options;
    const valueRange = Number.isFinite(excursionHalfLife)
      ? decayedValueRange(
          {
            data: this.window,
            filled: this.filled,
            next: this.next,
            windowSize,
            excluded: this.excluded,
            held,
            excursion: this.excursion,
          },
          excursionHalfLife,
        )
      : undefined;
    const model = fitSeriesModel(
      data,
      rows,
      this.rng,
      { nTrees, sampleSize, zThreshold },
      this.likelihood.estimate(),
      valueRange,
    );
    this.install(model);
    return model;
  }

  private install(model: SeriesModel): void {
    this.currentModel = model;
    this.sinceFit = 0;
    this.range.reset(model.featureMin[VALUE_FEATURE]!, model.featureMax[VALUE_FEATURE]!);
  }

  private reference(): ScoreDistribution {
    const m = this.currentModel;
    return m ? { mean: m.averageMean, std: m.averageStd } : { mean: 0, std: Infinity };
  }

  /**
   * Settles a value held beyond the range against the one arriving: a glitch is left out of the fit window and the
   * features of the points after it see its stand-in (a median filter). Returns the value before the arriving one.
   */
  private settle(value: number): number {
    const settled = this.range.settle(value);
    if (settled?.kind === 'excursion') this.excursion[settled.slot] = 1;
    if (settled?.kind === 'glitch') {
      this.excluded[settled.slot] = 1;
      this.extractor.replaceLast(settled.standIn);
    }
    return this.extractor.seen > 0 ? this.extractor.last : value;
  }

  /** Writes the current feature row to the window; returns its slot. */
  private remember(): number {
    const slot = this.next;
    if (slot === this.excluded.length) this.grow(); // only while filling: then next === filled
    this.window.set(this.current, slot * FEATURE_COUNT);
    this.excluded[slot] = 0;
    this.excursion[slot] = 0;
    this.next = (slot + 1) % this.options.windowSize;
    if (this.filled < this.options.windowSize) this.filled++;
    this.sinceFit++;
    return slot;
  }

  private grow(): void {
    const rows = Math.min(this.options.windowSize, this.excluded.length * 2);
    const window = new Float64Array(rows * FEATURE_COUNT);
    window.set(this.window);
    this.window = window;
    const excluded = new Uint8Array(rows);
    excluded.set(this.excluded);
    this.excluded = excluded;
    const excursion = new Uint8Array(rows);
    excursion.set(this.excursion);
    this.excursion = excursion;
  }
}

export function createSeriesDetector(rng: RandomSource, options?: SeriesDetectorOptions): SeriesDetector {
  return new SeriesDetector(rng, options);
}
