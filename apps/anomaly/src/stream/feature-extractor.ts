// Turns a stream of (timestamp, value) into feature vectors from the recent past, in place, without allocating.

/** Names of the columns written by {@link FeatureExtractor.push}, in order. */
export const FEATURE_NAMES = ['value', 'diff', 'mean5', 'zscore60', 'std10', 'timeOfDay'] as const;
export const FEATURE_COUNT = FEATURE_NAMES.length;

/** Index of the time-of-day column: its range is always [0, 1), whatever part of the day a window covers. */
export const TIME_OF_DAY_FEATURE = 5;

/** Longest look-back any feature needs: replaying this many stored points restores the features exactly. */
export const FEATURE_HISTORY = 64;
const HISTORY = FEATURE_HISTORY;
const DAY_MS = 86_400_000;

/**
 * Why these features: the value itself and its short mean catch spikes and level shifts; the first difference
 * catches sudden jumps while the level is still inside the usual range; the 60-point z-score turns a move into
 * "how unusual for the recent regime"; the 10-point deviation catches noise bursts and flatlines; the time of
 * day lets the forest learn daily shapes, so a value normal at noon can stand out at midnight.
 */
export class FeatureExtractor {
  private readonly values = new Float64Array(HISTORY);
  private count = 0;

  /** Points seen so far. */
  get seen(): number {
    return this.count;
  }

  /** The last value pushed (NaN before the first). */
  get last(): number {
    return this.count > 0 ? this.values[(this.count - 1) % HISTORY]! : NaN;
  }

  /** Stands `value` in for the last value pushed, for the features of the points after it (a glitch filtered out). */
  replaceLast(value: number): void {
    if (this.count > 0) this.values[(this.count - 1) % HISTORY] = value;
  }

  /** Appends a point and writes its feature vector to `out[offset .. offset + FEATURE_COUNT)`. */
  push(timestampMs: number, value: number, out: Float64Array, offset: number): void {
    const v = this.values;
    v[this.count % HISTORY] = value;
    this.count++;
    const n = this.count;
    const prev = n > 1 ? v[(n - 2) % HISTORY]! : value;
    out[offset] = value;
    out[offset + 1] = value - prev;
    out[offset + 2] = this.mean(5);
    const k = Math.min(60, n);
    const mean60 = this.mean(k);
    const std60 = this.std(k, mean60);
    // A flat stretch has no spread: any move off it is as unusual as the largest z we let through.
    out[offset + 3] =
      std60 > 1e-12 ? (value - mean60) / std60 : value === mean60 ? 0 : Math.sign(value - mean60) * 10;
    out[offset + 4] = this.std(Math.min(10, n), this.mean(10));
    out[offset + 5] = (((timestampMs % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS;
  }

  /** Mean of the last k points (fewer when fewer were seen). */
  private mean(k: number): number {
    const m = Math.min(k, this.count);
    let s = 0;
    for (let i = 1; i <= m; i++) s += this.values[(this.count - i) % HISTORY]!;
    return s / m;
  }

  private std(k: number, mean: number): number {
    const m = Math.min(k, this.count);
    let s = 0;
    for (let i = 1; i <= m; i++) {
      const d = this.values[(this.count - i) % HISTORY]! - mean;
      s += d * d;
    }
    return Math.sqrt(s / m);
  }
}
