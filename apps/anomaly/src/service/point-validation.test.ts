import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT, FeatureExtractor } from '../stream/feature-extractor.ts';
import { MAX_ABS_VALUE, validatePoints } from './point-validation.ts';

const NOW = Date.UTC(2024, 5, 1);

describe('validatePoints', () => {
  it('truncates fractional epoch milliseconds to the instant the database stores', () => {
    // Stored as ...000 by timestamptz via toISOString; keeping .5 made the point look like a duplicate, unscored.
    const { points } = validatePoints([{ series: 's', timestamp: 1714564800000.5, value: 1 }], NOW);
    expect(points[0]?.timestampMs).toBe(1714564800000);
  });

  it('rejects numbers that look like epoch seconds, naming timestamp, instead of storing them in January 1970', () => {
    // date +%s, time.time() and Prometheus send seconds; read as milliseconds, 1700000000 was 1970-01-20.
    const raw = [1_700_000_000, 1_700_000_000.25, 0, 99_999_999_999, 100_000_000_000];
    const { points, rejected } = validatePoints(
      raw.map((timestamp) => ({ series: 's', timestamp, value: 1 })),
      NOW,
    );
    expect(rejected.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(rejected[0]?.reason).toMatch(/^timestamp .*looks like epoch seconds/);
    expect(rejected[0]?.reason).toContain('1e11');
    expect(points.map((p) => new Date(p.timestampMs).toISOString())).toEqual(['1973-03-03T09:46:40.000Z']);
  });

  it('rejects calendar dates that do not exist instead of rolling them into the next month', () => {
    const raw = [
      '2024-02-30T00:00:00Z',
      '2023-02-29T00:00:00Z',
      '2024-04-31T10:00:00Z',
      '2024-01-01T25:00:00Z',
    ];
    const { points, rejected } = validatePoints(
      raw.map((timestamp) => ({ series: 's', timestamp, value: 1 })),
      NOW,
    );
    expect(points).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(Array(4).fill('timestamp is not a real date'));
  });

  it('still accepts leap days, offsets and fractional seconds', () => {
    const raw = ['2024-02-29T00:00:00Z', '2024-03-01T01:30:00+02:00', '2024-05-01T12:00:00.123456Z'];
    const { points } = validatePoints(
      raw.map((timestamp) => ({ series: 's', timestamp, value: 1 })),
      NOW,
    );
    expect(points.map((p) => new Date(p.timestampMs).toISOString())).toEqual([
      '2024-02-29T00:00:00.000Z',
      '2024-02-29T23:30:00.000Z',
      '2024-05-01T12:00:00.123Z',
    ]);
  });

  it('rejects values too large for the features, naming value, and keeps every feature finite at the limit', () => {
    const raw = [1e308, -1e200, MAX_ABS_VALUE, -MAX_ABS_VALUE].map((value, i) => ({
      series: 's',
      timestamp: NOW - 60_000 * (4 - i),
      value,
    }));
    const { points, rejected } = validatePoints(raw, NOW);
    expect(rejected).toEqual([
      { index: 0, reason: 'value must be at most 1e+150 in magnitude' },
      { index: 1, reason: 'value must be at most 1e+150 in magnitude' },
    ]);
    // The worst the limit lets through: the extremes alternating, so every difference and square is largest.
    const features = new FeatureExtractor();
    const out = new Float64Array(FEATURE_COUNT);
    for (let i = 0; i < 120; i++) {
      features.push(NOW + i, points[i % 2]!.value, out, 0);
      expect(Array.from(out).every(Number.isFinite)).toBe(true);
    }
  });
});
