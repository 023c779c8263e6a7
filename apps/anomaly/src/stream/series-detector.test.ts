import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { fitForest } from '../forest/fit-forest.ts';
import { scoreRow } from '../forest/score-forest.ts';
import { FEATURE_COUNT, FeatureExtractor } from './feature-extractor.ts';
import { rangeAwareScore } from './range-aware-score.ts';
import { RED_Z, ScoreLikelihood, upperTail } from './score-likelihood.ts';
import { createSeriesDetector } from './series-detector.ts';

const MIN = 60_000;
const calm = (i: number) => 50 + 5 * Math.sin(i / 10) + ((i * 7919) % 13) / 13;

describe('SeriesDetector', () => {
  it('answers warming-up until it has minPoints, then judges the likelihood of its recent scores', () => {
    const d = createSeriesDetector(createRng(1), { minPoints: 64, nTrees: 30 });
    for (let i = 0; i < 64; i++) expect(d.push(i * MIN, calm(i)).verdict).toBe('warming-up');
    const r = d.push(64 * MIN, calm(64));
    expect(r.verdict).toBe('normal');
    expect(r.threshold).toBeGreaterThan(r.score!);
    expect(r.level).toBeGreaterThanOrEqual(0);
    expect(r.level).toBeLessThan(0.5);
  });

  it('flags a jump far outside the window and keeps calm points normal', () => {
    const d = createSeriesDetector(createRng(2), { nTrees: 50 });
    const verdicts: string[] = [];
    for (let i = 0; i < 600; i++) verdicts.push(d.push(i * MIN, calm(i)).verdict);
    expect(verdicts.slice(200).filter((v) => v === 'anomaly').length).toBeLessThan(8);
    const jump = d.push(600 * MIN, 500);
    expect(jump.verdict).toBe('anomaly');
    expect(jump.level).toBe(1);
  });

  it('alarms on a value beyond the range only past the tolerance, and not at all when it is off', () => {
    const run = (rangeTolerance: number, value: number) => {
      const d = createSeriesDetector(createRng(3), { nTrees: 20, rangeTolerance });
      for (let i = 0; i < 400; i++) d.push(i * MIN, calm(i));
      return d.push(400 * MIN, value).level;
    };
    const high = 56 + 1; // calm() stays within about [45, 56]
    expect(run(0.01, high)).toBe(1);
    expect(run(0.5, high)).toBeLessThan(1);
    expect(run(-1, high)).toBeLessThan(1);
  });

  it('raises one alarm, not one per point, when a series moves to a new level and stays', () => {
    const d = createSeriesDetector(createRng(4), { nTrees: 50 });
    for (let i = 0; i < 600; i++) d.push(i * MIN, calm(i));
    const after: string[] = [];
    for (let i = 600; i < 650; i++) after.push(d.push(i * MIN, 90).verdict);
    const alarms = after.filter((v) => v === 'anomaly').length;
    expect(alarms).toBeGreaterThanOrEqual(1);
    expect(alarms).toBeLessThanOrEqual(3);
    expect(after[0]).toBe('anomaly');
  });

  it('is causal: changing later values leaves every earlier result as it was', () => {
    const a = createSeriesDetector(createRng(5), { nTrees: 20, windowSize: 256 });
    const b = createSeriesDetector(createRng(5), { nTrees: 20, windowSize: 256 });
    const ra = [];
    const rb = [];
    for (let i = 0; i < 700; i++) {
      ra.push(a.push(i * MIN, calm(i)));
      // From point 450 on, b sees a spike, a level shift and noise a never sees.
      const v = i < 450 ? calm(i) : i === 450 ? 900 : calm(i) + 20 + ((i * 31) % 17);
      rb.push(b.push(i * MIN, v));
    }
    expect(rb.slice(0, 450)).toEqual(ra.slice(0, 450));
    expect(rb[450]).not.toEqual(ra[450]);
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

  it('takes the likelihood reference of a refit from the scores it streamed', () => {
    const d = createSeriesDetector(createRng(6), { nTrees: 20 });
    for (let i = 0; i < 400; i++) d.push(i * MIN, calm(i));
    const m = d.refit();
    // In-sample scores sit lower and spread wider than the streamed 20-point means.
    expect(m.averageMean).not.toBe(m.scoreMean);
    expect(m.averageStd).toBeLessThan(m.scoreStd);
    expect(m.threshold).toBeCloseTo(m.averageMean + RED_Z * Math.max(m.averageStd, 0.0173), 12);
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

  it('resumes from a served model and the stored scores of the last points as if it had streamed them', () => {
    const a = createSeriesDetector(createRng(7), { nTrees: 20 });
    const stored: Array<number | null> = [];
    for (let i = 0; i < 300; i++) stored.push(a.push(i * MIN, calm(i)).score);
    const served = a.refit();
    for (let i = 300; i < 340; i++) stored.push(a.push(i * MIN, calm(i) + (i > 330 ? 8 : 0), false).score);
    const b = createSeriesDetector(createRng(99), { nTrees: 20 });
    b.setModel(served, true);
    for (let i = 273; i < 340; i++) b.observe(i * MIN, calm(i) + (i > 330 ? 8 : 0), stored[i]!);
    for (let i = 340; i < 360; i++) {
      const v = calm(i) + (i > 330 ? 8 : 0) + (i === 350 ? 40 : 0);
      expect(b.push(i * MIN, v, false)).toEqual(a.push(i * MIN, v, false));
    }
  });

  it('alarms on a glitch, then forgets it: a later spike it would have hidden alarms, streamed or replayed', () => {
    const value = (i: number) => (i === 300 ? 1e6 : i === 420 ? 80 : calm(i));
    const a = createSeriesDetector(createRng(8), { nTrees: 20 });
    const b = createSeriesDetector(createRng(8), { nTrees: 20 });
    for (let i = 0; i < 400; i++) {
      const r = a.push(i * MIN, value(i));
      if (i === 300) expect(r.verdict).toBe('anomaly');
      b.observe(i * MIN, value(i), r.score);
    }
    // Refit on a window holding the glitch: left out, it neither sets the range nor the forest's feature ranges.
    const model = a.refit();
    expect(model.trainedRows).toBe(399);
    expect(model.featureMax[0]).toBeLessThan(60);
    expect(b.refit().featureMax).toEqual(model.featureMax);
    b.setModel(model);
    for (let i = 400; i < 420; i++)
      expect(b.push(i * MIN, value(i), false)).toEqual(a.push(i * MIN, value(i), false));
    const spike = a.push(420 * MIN, value(420), false);
    expect(spike.verdict).toBe('anomaly');
    expect(b.push(420 * MIN, value(420), false)).toEqual(spike);
  });
});

describe('ScoreLikelihood', () => {
  it('puts the red alarm at a tail of 1e-5, which the log scale maps to 0.5', () => {
    expect(upperTail(0)).toBeCloseTo(0.5, 5);
    expect(upperTail(RED_Z) / 1e-5).toBeCloseTo(1, 3);
    expect(upperTail(-RED_Z)).toBeCloseTo(1 - 1e-5, 8);
    const l = new ScoreLikelihood();
    const ref = { mean: 0.4, std: 0.02 };
    for (let i = 0; i < 20; i++) l.add(0.4, ref);
    expect(l.add(0.4, ref).level).toBeCloseTo(Math.log(0.5) / Math.log(1e-10), 5);
  });

  it('alarms on the first mean in either tail and damps the run that follows', () => {
    const l = new ScoreLikelihood();
    const ref = { mean: 0.4, std: 0.02 };
    for (let i = 0; i < 20; i++) expect(l.add(0.4, ref).alarm).toBe(false);
    const first = l.add(0.4 + 20 * 0.02 * 6, ref); // the 20-point mean moves 6 deviations up
    expect(first.alarm).toBe(true);
    expect(first.level).toBeGreaterThan(0.5);
    const next = l.add(0.4 + 20 * 0.02 * 6, ref);
    expect(next.alarm).toBe(false);
    expect(next.level).toBeCloseTo(0.3, 6);
    const low = new ScoreLikelihood();
    for (let i = 0; i < 20; i++) low.add(0.4, ref);
    expect(low.add(0.4 - 20 * 0.02 * 6, ref).alarm).toBe(true);
  });

  it('estimates the distribution of its recent means once it has enough of them', () => {
    const l = new ScoreLikelihood();
    const ref = { mean: 0, std: 1 };
    for (let i = 0; i < 99; i++) l.add(0.5, ref);
    expect(l.estimate()).toBeUndefined();
    l.add(0.5, ref);
    expect(l.estimate()!.mean).toBeCloseTo(0.5, 12);
    expect(l.estimate()!.std).toBe(0.0173);
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
