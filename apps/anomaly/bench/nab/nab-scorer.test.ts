import { describe, expect, it } from 'vitest';
import {
  calcScoreByThreshold,
  calcSweepScore,
  normalizeScore,
  optimizeThreshold,
  probationaryLength,
  scaledSigmoid,
  STANDARD_PROFILE,
} from './nab-scorer.ts';

// 100 rows, one window over rows 40..49 (timestamps are the row numbers); probation = 15 rows.
const ts = Float64Array.from({ length: 100 }, (_, i) => i);
const windows: Array<[number, number]> = [[40, 49]];

describe('NAB scorer', () => {
  it('has NAB scaled-sigmoid values at the window edges', () => {
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(3.5)).toBe(-1);
    expect(probationaryLength(1000)).toBe(150);
    expect(probationaryLength(10_000)).toBe(750);
  });

  it('gives an early detection inside the window nearly the full true-positive weight', () => {
    const scores = new Float64Array(100);
    scores[40] = 1;
    const best = optimizeThreshold(
      calcSweepScore(ts, scores, windows, 'f', STANDARD_PROFILE),
      STANDARD_PROFILE,
    );
    // Row 40 is the first of 10: position -(49 - 40 + 1)/10 = -1, weight scaledSigmoid(-1)/maxTP = 1.
    expect(best.score).toBeCloseTo(1, 10);
    expect(best.threshold).toBe(1);
  });

  it('charges a false positive far from any window the full fp weight, and ignores probation', () => {
    const scores = new Float64Array(100);
    scores[5] = 1; // probationary: ignored
    scores[20] = 1; // before any window: -0.11
    const rows = calcScoreByThreshold(
      calcSweepScore(ts, scores, windows, 'f', STANDARD_PROFILE),
      STANDARD_PROFILE,
    );
    // Threshold 1.1 detects nothing (-1 for the missed window); threshold 1 adds one fp.
    expect(rows[0]).toMatchObject({ threshold: 1.1, score: -1 });
    expect(rows[1]!.score).toBeCloseTo(-1.11, 10);
    expect(rows[1]!.fp).toBe(1);
  });

  it('counts one true positive per window and normalises between null and perfect', () => {
    const scores = new Float64Array(100);
    for (let i = 44; i < 50; i++) scores[i] = 1;
    const best = optimizeThreshold(
      calcSweepScore(ts, scores, windows, 'f', STANDARD_PROFILE),
      STANDARD_PROFILE,
    );
    expect(best.score).toBeCloseTo(scaledSigmoid(-6 / 10) / scaledSigmoid(-1), 10);
    expect(normalizeScore(-1, -1, 1, STANDARD_PROFILE)).toBe(0);
    expect(normalizeScore(1, -1, 1, STANDARD_PROFILE)).toBe(100);
  });
});
