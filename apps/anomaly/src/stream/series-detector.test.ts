import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { fitForest } from '../forest/fit-forest.ts';
import { scoreRow } from '../forest/score-forest.ts';
import { FEATURE_COUNT, FeatureExtractor } from './feature-extractor.ts';
import { rangeAwareScore } from './range-aware-score.ts';
import { createSeriesDetector } from './series-detector.ts';

const MIN = 60_000;
const calm = (i: number) => 50 + 5 * Math.sin(i / 10) + ((i * 7919) % 13) / 13;

describe('SeriesDetector', () => {
  it('answers warming-up until it has minPoints, then scores against a calibrated threshold', () => {
    const d = createSeriesDetector(createRng(1), { minPoints: 64, nTrees: 30 });
    for (let i = 0; i < 64; i++) expect(d.push(i * MIN, calm(i)).verdict).toBe('warming-up');
    const r = d.push(64 * MIN, calm(64));
    expect(r.verdict).toBe('normal');
    expect(r.threshold).toBeGreaterThan(r.score!);
  });

  it('flags a jump far outside the window and keeps calm points normal', () => {
    const d = createSeriesDetector(createRng(2), { nTrees: 50 });
    const verdicts: string[] = [];
    for (let i = 0; i < 600; i++) verdicts.push(d.push(i * MIN, calm(i)).verdict);
    expect(verdicts.slice(200).filter((v) => v === 'anomaly').length).toBeLessThan(8);
    expect(d.push(600 * MIN, 500).verdict).toBe('anomaly');
  });

  it('refits on schedule as the window slides', () => {
    const d = createSeriesDetector(createRng(3), {
      minPoints: 32,
      refitEvery: 50,
      windowSize: 100,
      nTrees: 10,
    });
    const models = new Set();
    for (let i = 0; i < 400; i++) {
      d.push(i * MIN, calm(i));
      models.add(d.model);
    }
    // First fit at 32, then 32 more while young, then every 50 points.
    expect(models.size).toBeGreaterThanOrEqual(8);
    expect(d.model!.trainedRows).toBe(100);
  });

  it('observe() rebuilds the window without scoring, so a restored detector matches a streamed one', () => {
    const a = createSeriesDetector(createRng(4), { nTrees: 20 });
    const b = createSeriesDetector(createRng(4), { nTrees: 20 });
    for (let i = 0; i < 200; i++) {
      a.push(i * MIN, calm(i), false);
      b.observe(i * MIN, calm(i));
    }
    a.refit();
    b.setModel(a.model!);
    expect(b.push(200 * MIN, 90).score).toBe(a.push(200 * MIN, 90).score);
  });
});

describe('rangeAwareScore', () => {
  const rng = createRng(5);
  const rows = 300;
  const data = new Float64Array(rows * 2);
  for (let i = 0; i < data.length; i++) data[i] = rng.normal();
  const forest = fitForest({ data, rows, cols: 2 }, createRng(6), { nTrees: 50 });
  const lo = Float64Array.of(-4, -4);
  const hi = Float64Array.of(4, 4);

  it('is the plain Isolation Forest score inside the training range', () => {
    const x = Float64Array.of(0.5, -1);
    expect(rangeAwareScore(forest, lo, hi, x)).toBeCloseTo(scoreRow(forest, x), 12);
  });

  it('rises with the distance beyond the range, where the plain score saturates', () => {
    const near = rangeAwareScore(forest, lo, hi, Float64Array.of(8, 0));
    const far = rangeAwareScore(forest, lo, hi, Float64Array.of(80, 0));
    expect(scoreRow(forest, Float64Array.of(80, 0))).toBeCloseTo(scoreRow(forest, Float64Array.of(8, 0)), 12);
    expect(far).toBeGreaterThan(near);
    expect(near).toBeGreaterThan(scoreRow(forest, Float64Array.of(8, 0)));
  });
});

describe('FeatureExtractor', () => {
  it('writes value, difference, short mean, z-score, deviation and time of day', () => {
    const fx = new FeatureExtractor();
    const out = new Float64Array(FEATURE_COUNT);
    for (let i = 0; i < 10; i++) fx.push(i * MIN, 10, out, 0);
    fx.push(6 * 3_600_000, 20, out, 0);
    expect(out[0]).toBe(20);
    expect(out[1]).toBe(10);
    expect(out[2]).toBe(12); // (4 * 10 + 20) / 5
    expect(out[3]).toBeGreaterThan(3);
    expect(out[5]).toBe(0.25);
  });
});
