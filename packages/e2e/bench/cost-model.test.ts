import { describe, expect, it } from 'vitest';
import { estimateInvocationCost, median, smallestInstanceMB } from './cost-model.ts';
import { FLEX_CONSUMPTION_PRICES } from './flex-consumption-prices.ts';

describe('estimateInvocationCost', () => {
  it('bills provisioned instance memory for the execution time plus the execution charge', () => {
    // 100 ms on a 2048 MB instance = 0.2 GB-s; a million of them = 200,000 GB-s * $0.000026 = $5.20, + $0.40.
    const cost = estimateInvocationCost({ durationMs: 100, instanceMB: 2048 }, FLEX_CONSUMPTION_PRICES);
    expect(cost.gbSeconds).toBeCloseTo(0.2, 12);
    expect(cost.usdPerMillionCompute).toBeCloseTo(5.2, 9);
    expect(cost.usdPerMillion).toBeCloseTo(5.6, 9);
  });

  it('is four times cheaper in compute on a 512 MB instance than on 2048 MB', () => {
    const small = estimateInvocationCost({ durationMs: 40, instanceMB: 512 }, FLEX_CONSUMPTION_PRICES);
    const large = estimateInvocationCost({ durationMs: 40, instanceMB: 2048 }, FLEX_CONSUMPTION_PRICES);
    expect(large.usdPerMillionCompute / small.usdPerMillionCompute).toBeCloseTo(4, 9);
  });
});

describe('smallestInstanceMB', () => {
  it('picks the smallest size that holds the peak with headroom', () => {
    expect(smallestInstanceMB(200 * 1024 * 1024, [512, 2048, 4096])).toBe(512);
    // 450 MB * 1.25 = 562 MB does not fit 512.
    expect(smallestInstanceMB(450 * 1024 * 1024, [4096, 512, 2048])).toBe(2048);
  });

  it('falls back to the largest size when nothing fits', () => {
    expect(smallestInstanceMB(8 * 1024 * 1024 * 1024, [512, 2048, 4096])).toBe(4096);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
