import { describe, expect, it } from 'vitest';
import { fitClassOffsets } from './class-offsets.ts';

// Two classes; the model gives class 0 probability 0.7 on every message, but half the messages are class 1.
const rows = 10;
const logp = new Float64Array(rows * 2);
for (let i = 0; i < rows; i++) {
  logp[i * 2] = Math.log(0.7);
  logp[i * 2 + 1] = Math.log(0.3);
}
const ys = Int32Array.from({ length: rows }, (_, i) => i % 2);

describe('fitClassOffsets', () => {
  it('pulls an over-predicted class down until the held-out rows are matched', () => {
    const b = fitClassOffsets(logp, ys, 2, 0);
    const shifted0 = Math.log(0.7) + (b[0] as number);
    const shifted1 = Math.log(0.3) + (b[1] as number);
    expect(shifted0 - shifted1).toBeCloseTo(0, 2);
    expect(b[0]).toBeLessThan(b[1] as number);
  });

  it('leaves the offsets at zero when the penalty dominates, and when nothing is over-predicted', () => {
    const heavy = fitClassOffsets(logp, ys, 2, 1e6);
    expect(Math.abs(heavy[0] as number)).toBeLessThan(1e-6);
    const even = new Float64Array(rows * 2).fill(Math.log(0.5));
    const none = fitClassOffsets(even, ys, 2, 0.01);
    expect(Math.abs(none[0] as number)).toBeLessThan(1e-6);
  });
});
