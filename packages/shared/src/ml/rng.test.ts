import { describe, expect, it } from 'vitest';
import { createRng } from './rng.ts';

describe('createRng', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 100 }, () => a.next());
    const ys = Array.from({ length: 100 }, () => b.next());
    expect(xs).toEqual(ys);
    expect(a.seed).toBe(42);
  });

  it('gives different sequences for neighbouring seeds', () => {
    const a = createRng(1);
    const b = createRng(2);
    const xs = Array.from({ length: 10 }, () => a.next());
    const ys = Array.from({ length: 10 }, () => b.next());
    expect(xs).not.toEqual(ys);
  });

  it('returns floats in [0, 1) with a mean near 1/2', () => {
    const rng = createRng(7);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 20000; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('draws integers in [0, n) covering every value about equally', () => {
    const rng = createRng(3);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < 60000; i++) {
      const k = rng.nextInt(6);
      // Anything outside 0..5 lands in slot 6, which must stay empty.
      const slot = Number.isInteger(k) && k >= 0 && k < 6 ? k : 6;
      counts[slot] = (counts[slot] ?? 0) + 1;
    }
    expect(counts.pop()).toBe(0);
    // Expected 10000 each; the standard deviation is about 91, so 500 is a wide margin.
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(500);
  });

  it('rejects a non-positive or fractional bound', () => {
    const rng = createRng(3);
    expect(() => rng.nextInt(0)).toThrow(RangeError);
    expect(() => rng.nextInt(2.5)).toThrow(RangeError);
  });

  it('draws normal deviates with mean 0 and variance 1', () => {
    const rng = createRng(11);
    const n = 40000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.normal();
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(sumSq / n - mean * mean - 1)).toBeLessThan(0.05);
  });

  it('shuffles into a permutation, deterministically per seed', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = Int32Array.from(a);
    createRng(5).shuffle(a);
    createRng(5).shuffle(b);
    expect(Array.from(b)).toEqual(a);
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('forks a reproducible child stream distinct from the parent', () => {
    const p1 = createRng(9);
    const p2 = createRng(9);
    const c1 = p1.fork();
    const c2 = p2.fork();
    const childSeq = Array.from({ length: 5 }, () => c1.next());
    expect(Array.from({ length: 5 }, () => c2.next())).toEqual(childSeq);
    expect(Array.from({ length: 5 }, () => p1.next())).not.toEqual(childSeq);
  });
});
