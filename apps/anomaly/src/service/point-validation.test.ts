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

  it('names epoch microseconds and nanoseconds as such, per point, instead of only "in the future"', () => {
    // Java's Instant and ClickHouse send microseconds, InfluxDB and Go's UnixNano nanoseconds; read as ms they
    // lie thousands of years ahead, and the reason named no unit.
    const ms = Date.UTC(2024, 4, 1, 12);
    const raw = [ms * 1000, ms * 1_000_000, 1e14, 9.9e16, 1e17, ms, 99_999_999_999_999];
    const { points, rejected } = validatePoints(
      raw.map((timestamp) => ({ series: 's', timestamp, value: 1 })),
      NOW,
    );
    expect(points.map((p) => p.index)).toEqual([5]);
    const reasons = new Map(rejected.map((r) => [r.index, r.reason]));
    for (const i of [0, 2, 3])
      expect(reasons.get(i)).toMatch(/^timestamp \d+ looks like epoch microseconds: .*1000/);
    for (const i of [1, 4])
      expect(reasons.get(i)).toMatch(/^timestamp \d+ looks like epoch nanoseconds: .*1000000/);
    // Just under 1e14 is the year 5138 in milliseconds: still only in the future, naming the instant.
    expect(reasons.get(6)).toBe(
      "timestamp 5138-11-16T09:46:39.999Z is more than a day ahead of the server's clock (2024-06-01T00:00:00.000Z)",
    );
  });

  it('reads offsets, fractional seconds and lower-case t and z as RFC 3339 does, and names a bad offset', () => {
    const raw = [
      '2024-05-01T12:00:00.999999+05:30',
      '2024-05-01t12:00:00z',
      '2024-05-01T12:00:00-00:00',
      '2024-05-01T12:00:00+14:00',
      '2024-05-01T12:00:00+25:00',
      '2024-05-01T12:00:00+05:60',
    ];
    const { points, rejected } = validatePoints(
      raw.map((timestamp) => ({ series: 's', timestamp, value: 1 })),
      NOW,
    );
    expect(points.map((p) => new Date(p.timestampMs).toISOString())).toEqual([
      '2024-05-01T06:30:00.999Z',
      '2024-05-01T12:00:00.000Z',
      '2024-05-01T12:00:00.000Z',
      '2024-04-30T22:00:00.000Z',
    ]);
    expect(rejected).toEqual([
      {
        index: 4,
        field: 'timestamp',
        reason: "timestamp's offset +25:00 is not a UTC offset (at most 23:59 either way)",
      },
      {
        index: 5,
        field: 'timestamp',
        reason: "timestamp's offset +05:60 is not a UTC offset (at most 23:59 either way)",
      },
    ]);
  });

  it('names the instant of a timestamp before 1970, as text or as a number, without throwing on huge ones', () => {
    const raw = ['1969-12-31T23:59:59.999Z', '1960-01-01T00:00:00+01:00', -1, -1e300, '1970-01-01T00:00:00Z'];
    const { points, rejected } = validatePoints(
      raw.map((timestamp) => ({ series: 's', timestamp, value: 1 })),
      NOW,
    );
    expect(rejected).toEqual([
      {
        index: 0,
        field: 'timestamp',
        reason: 'timestamp 1969-12-31T23:59:59.999Z is before 1970-01-01T00:00:00Z',
      },
      {
        index: 1,
        field: 'timestamp',
        reason: 'timestamp 1959-12-31T23:00:00.000Z is before 1970-01-01T00:00:00Z',
      },
      {
        index: 2,
        field: 'timestamp',
        reason: 'timestamp 1969-12-31T23:59:59.999Z is before 1970-01-01T00:00:00Z',
      },
      { index: 3, field: 'timestamp', reason: 'timestamp -1e+300 is before 1970-01-01T00:00:00Z' },
    ]);
    expect(points.map((p) => p.timestampMs)).toEqual([0]);
  });

  it('says a timestamp of digits in a string should be a JSON number', () => {
    const { rejected } = validatePoints([{ series: 's', timestamp: '1714564800000', value: 1 }], NOW);
    expect(rejected[0]?.reason).toBe(
      'timestamp is a number inside a string: send epoch milliseconds as a JSON number, or ISO 8601 text',
    );
  });

  it('says what came instead of a number: text (as Prometheus query results carry values) or nothing', () => {
    const raw = ['0.5', 'NaN', null, undefined].map((value) => ({ series: 's', timestamp: NOW - 1, value }));
    const { rejected } = validatePoints(raw, NOW);
    expect(rejected.map((r) => r.reason)).toEqual([
      'value must be a finite number, not text ("0.5"): send it as a JSON number',
      'value must be a finite number, not text ("NaN"): send it as a JSON number',
      'value must be a finite number; it is missing',
      'value must be a finite number; it is missing',
    ]);
  });

  it('names the character a series id cannot hold, instead of "letters" that read as allowing any script', () => {
    const raw = ['温度.传感器', 'cpu load', '.hidden', 'x'.repeat(129), '', undefined, 7, 'ok-1'];
    const { points, rejected } = validatePoints(
      raw.map((series) => ({ series, timestamp: NOW - 1, value: 1 })),
      NOW,
    );
    const ascii = ' (ids appear in URLs and logs: ASCII letters and digits, and . _ : - after the first)';
    expect(rejected.map((r) => r.reason)).toEqual([
      `series must start with an ASCII letter or digit, not "温" (U+6E29)${ascii}`,
      `series holds U+0020, which ids cannot${ascii}`,
      `series must start with an ASCII letter or digit, not "." (U+002E)${ascii}`,
      'series is 129 characters long, more than 128',
      'series must not be empty',
      'series is missing: every point names its series',
      'series must be a string id',
    ]);
    expect(rejected.every((r) => r.field === 'series')).toBe(true);
    expect(points.map((p) => p.series)).toEqual(['ok-1']);
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
      { index: 0, field: 'value', reason: 'value must be at most 1e+150 in magnitude' },
      { index: 1, field: 'value', reason: 'value must be at most 1e+150 in magnitude' },
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
