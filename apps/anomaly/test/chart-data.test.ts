// The console's chart columns: the threshold is drawn against what it applies to, the mean of the last 20 scores.
import { describe, expect, it } from 'vitest';
import { SCORE_AVERAGE, toChartData } from '../web/src/chart-data.ts';
import { LIKELIHOOD_AVERAGE } from '../src/stream/score-likelihood.ts';
import type { ScoredPoint } from '../web/src/types.ts';

const point = (i: number, score: number | null): ScoredPoint => ({
  timestamp: new Date(Date.UTC(2026, 11, 1, 16, 0, i * 10)).toISOString(),
  value: score === 0.9 ? 90 : 40,
  score,
  z: score === null ? null : 0.5,
  threshold: score === null ? null : 0.74,
  verdict: score === null ? 'warming-up' : 'normal',
});

describe('the chart columns', () => {
  it('averages as many scores as the detector does', () => {
    expect(SCORE_AVERAGE).toBe(LIKELIHOOD_AVERAGE);
  });

  // Before, the chart drew each raw score against the threshold: a demo spike scoring 0.757 over a threshold of
  // 0.737 and left unflagged looked like a missed alarm, though the threshold applies to the 20-point mean.
  it('draws the mean of the last 20 scores beside each score, under the threshold a one-point spike does not reach', () => {
    const points = [
      ...Array.from({ length: 3 }, (_, i) => point(i, null)),
      ...Array.from({ length: 30 }, (_, i) => point(3 + i, i === 25 ? 0.9 : 0.5)),
    ];
    const { data, anomalies } = toChartData(
      points.map((p, i) => (i === 12 ? { ...p, verdict: 'anomaly' } : p)),
      [],
    );
    const [xs, , marks, scores, means, thresholds] = data;
    expect(data).toHaveLength(6);
    expect(xs).toHaveLength(33);
    expect(Array.from(marks!).filter((m) => m !== null)).toEqual([40]);
    expect(anomalies.map((a) => [a.timestamp, a.mean])).toEqual([[points[12]!.timestamp, null]]);
    // No mean until 20 scored points are in the window; warming-up points have no score and do not count.
    expect(
      Array.from(means!)
        .slice(0, 22)
        .every((m) => m === null),
    ).toBe(true);
    expect(means![22]).toBeCloseTo(0.5, 12);
    const spike = 3 + 25;
    expect(scores![spike]).toBe(0.9);
    expect(scores![spike]).toBeGreaterThan(thresholds![spike] as number);
    expect(means![spike]).toBeCloseTo((19 * 0.5 + 0.9) / 20, 12);
    expect(means![spike]).toBeLessThan(thresholds![spike] as number);
  });
});
