// The value range a refit judges new values against: the window's range, one-point excursions fading out of it.
import { FEATURE_COUNT } from './feature-extractor.ts';

/** Where the window's rows are and which of them are special (see SeriesDetector). */
export interface WindowRows {
  /** Feature rows, `FEATURE_COUNT` per slot; the value is column 0. */
  readonly data: Float64Array;
  /** Slots in use. */
  readonly filled: number;
  /** The slot the next row goes to (the newest row is the one before it). */
  readonly next: number;
  readonly windowSize: number;
  /** 1 for a row fitted on nowhere (a glitch). */
  readonly excluded: Uint8Array;
  /** The slot of a value still held beyond the range (-1: none), left out too. */
  readonly held: number;
  /** 1 for a new extreme that came straight back (a one-point excursion). */
  readonly excursion: Uint8Array;
}

/**
 * Why: a window's min and max are set by its single most extreme point. A one-point excursion of a few widths of
 * the range (a sensor glitch under the gross-outlier limit of value-range.ts) then held the range wide, and every
 * real spike below its height scored as normal, until it left the 8,192-point window. Here the range is that of
 * the window's other values, and each excursion still widens it by its excess over that range times
 * 2^(-age / halfLife): a repeat of a recent spike's height is still no new extreme, an old glitch stops hiding
 * spikes. With an infinite half-life this is the plain min and max of the rows fitted on.
 *
 * @example
 * const { low, high } = decayedValueRange(rows, 1024); // a 25-wide excursion 2,048 points old adds 6.25
 */
export function decayedValueRange(rows: WindowRows, halfLife: number): { low: number; high: number } {
  const { data, filled, next, windowSize, excluded, held, excursion } = rows;
  let low = Infinity;
  let high = -Infinity;
  for (let slot = 0; slot < filled; slot++) {
    if (excluded[slot] === 1 || slot === held || excursion[slot] === 1) continue;
    const v = data[slot * FEATURE_COUNT]!;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  let exLow = low;
  let exHigh = high;
  for (let slot = 0; slot < filled; slot++) {
    if (excluded[slot] === 1 || slot === held || excursion[slot] !== 1) continue;
    const v = data[slot * FEATURE_COUNT]!;
    if (!(high >= low)) {
      exLow = Math.min(exLow, v);
      exHigh = Math.max(exHigh, v);
      continue;
    }
    const age = (next - 1 - slot + windowSize) % windowSize;
    const keep = Math.pow(2, -age / halfLife);
    if (v > high) exHigh = Math.max(exHigh, high + (v - high) * keep);
    else if (v < low) exLow = Math.min(exLow, low - (low - v) * keep);
  }
  return { low: exLow, high: exHigh };
}
