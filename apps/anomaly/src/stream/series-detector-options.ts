// The settings of a series detector (series-detector.ts), each with its default and why it has that value.
import { RED_Z } from './score-likelihood.ts';

export interface SeriesDetectorOptions {
  /** Points kept for refitting (the sliding window) and for the range alarm, default 8192. */
  windowSize?: number;
  /** Points needed before the first model; earlier points answer "warming-up". Default 96. */
  minPoints?: number;
  /** Refit after this many new points, default 128 (more often while the window is still filling). */
  refitEvery?: number;
  nTrees?: number;
  sampleSize?: number;
  /** |z| of the 20-point mean score at which a point alarms, default 4.2649 (a tail of 1e-5, HTM's red). */
  zThreshold?: number;
  /**
   * A value further beyond the range of the values seen in the window than this fraction of that range alarms
   * (HTM's spatial anomaly; 0.01 chosen on NAB split A over 0, 0.02, 0.03, 0.05). Negative turns it off.
   */
  rangeTolerance?: number;
  /**
   * A value beyond the range by more than this many widths of the range, followed straight away by a value back
   * inside it, is a glitch: alarmed on, then left out of the range, the fit window and the features of the points
   * after it (value-range.ts). Default 10: on NAB 1 and 3 cost figures (bench/results/2026-12-01-glitch-range.md), 10
   * none.
   */
  glitchFactor?: number;
  /**
   * A smaller one-point excursion (a new extreme, then straight back) widens the range at once, but each refit
   * narrows the range again by half of what it still adds every `excursionHalfLife` points (decayed-range.ts).
   * Infinity keeps it until it leaves the window.
   */
  excursionHalfLife?: number;
  /**
   * Only excursions beyond the range by at least this many widths of it fade (0: every one). Default 5 with a
   * half-life of 1,024 points: every NAB figure as without it; every excursion, or from 3 or 4 widths, or a
   * half-life of 256, cost some (bench/results/2026-12-01-small-glitch-range.md).
   */
  excursionFactor?: number;
}

/** The detector's settings when an option is not given. */
export const SERIES_DETECTOR_DEFAULTS: Required<SeriesDetectorOptions> = {
  windowSize: 8192,
  minPoints: 96,
  refitEvery: 128,
  nTrees: 50,
  sampleSize: 256,
  zThreshold: RED_Z,
  rangeTolerance: 0.01,
  glitchFactor: 10,
  excursionHalfLife: 1024,
  excursionFactor: 5,
};
