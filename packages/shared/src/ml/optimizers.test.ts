import { describe, expect, it } from 'vitest';
import { createOptimizer, type OptimizerKind } from './optimizers.ts';

describe('createOptimizer', () => {
  it('applies SGD w <- w - eta*g step by step', () => {
    const opt = createOptimizer({ kind: 'sgd', learningRate: 0.1 }, 2);
    const w = new Float64Array([1, -2]);
    // step 1: 1 - 0.1*0.5 = 0.95 ; -2 - 0.1*(-1) = -1.9
    opt.step(w, [0.5, -1]);
    expect(w[0]).toBeCloseTo(0.95, 12);
    expect(w[1]).toBeCloseTo(-1.9, 12);
    // step 2: 0.95 - 0.1*2 = 0.75 ; -1.9 - 0.1*0 = -1.9
    opt.step(w, [2, 0]);
    expect(w[0]).toBeCloseTo(0.75, 12);
    expect(w[1]).toBeCloseTo(-1.9, 12);
    expect(opt.state.length).toBe(0);
  });

  it('applies Momentum v <- gamma*v + eta*g, w <- w - v, carrying v between steps', () => {
    const opt = createOptimizer({ kind: 'momentum', learningRate: 0.1, momentum: 0.9 }, 1);
    const w = new Float64Array([1]);
    // step 1: v = 0.9*0 + 0.1*1 = 0.1 ; w = 1 - 0.1 = 0.9
    opt.update(w, 0, 1);
    expect(opt.state[0]).toBeCloseTo(0.1, 12);
    expect(w[0]).toBeCloseTo(0.9, 12);
    // step 2: v = 0.9*0.1 + 0.1*1 = 0.19 ; w = 0.9 - 0.19 = 0.71
    opt.update(w, 0, 1);
    expect(opt.state[0]).toBeCloseTo(0.19, 12);
    expect(w[0]).toBeCloseTo(0.71, 12);
    // step 3: v = 0.9*0.19 + 0.1*0.5 = 0.221 ; w = 0.71 - 0.221 = 0.489
    opt.update(w, 0, 0.5);
    expect(opt.state[0]).toBeCloseTo(0.221, 12);
    expect(w[0]).toBeCloseTo(0.489, 12);
    // step 4 with g = 0 keeps moving on the velocity: v = 0.1989 ; w = 0.2901
    opt.update(w, 0, 0);
    expect(w[0]).toBeCloseTo(0.2901, 12);
  });

  it('defaults Momentum gamma to 0.9 and AdaGrad eps to 1e-8', () => {
    expect(createOptimizer({ kind: 'momentum', learningRate: 1 }, 1).options.momentum).toBe(0.9);
    expect(createOptimizer({ kind: 'adagrad', learningRate: 1 }, 1).options.epsilon).toBe(1e-8);
  });

  it('applies AdaGrad G += g^2, w -= eta/sqrt(G+eps)*g, accumulating G', () => {
    const opt = createOptimizer({ kind: 'adagrad', learningRate: 0.1, epsilon: 1e-8 }, 1);
    const w = new Float64Array([1]);
    // step 1: G = 9 ; w = 1 - 0.1/sqrt(9)*3 = 0.9
    opt.update(w, 0, 3);
    expect(opt.state[0]).toBe(9);
    expect(w[0]).toBeCloseTo(0.9, 8);
    // step 2: G = 9 + 16 = 25 ; w = 0.9 - 0.1/5*4 = 0.82
    opt.update(w, 0, 4);
    expect(opt.state[0]).toBe(25);
    expect(w[0]).toBeCloseTo(0.82, 8);
    // step 3: g = 0 leaves G and w alone
    opt.update(w, 0, 0);
    expect(opt.state[0]).toBe(25);
    expect(w[0]).toBeCloseTo(0.82, 8);
  });

  it('puts AdaGrad eps inside the square root', () => {
    const opt = createOptimizer({ kind: 'adagrad', learningRate: 1, epsilon: 7 }, 1);
    const w = new Float64Array([1]);
    // G = 9 ; w = 1 - 1/sqrt(9 + 7)*3 = 1 - 3/4 = 0.25
    opt.update(w, 0, 3);
    expect(w[0]).toBeCloseTo(0.25, 12);
  });

  it('keeps separate state per coordinate in sparse updates on Float32Array', () => {
    const opt = createOptimizer({ kind: 'adagrad', learningRate: 0.5 }, 3);
    const w = new Float32Array([0, 0, 0]);
    opt.update(w, 2, 2); // G2 = 4 ; w2 = -0.5/2*2 = -0.5
    opt.update(w, 0, 1); // G0 = 1 ; w0 = -0.5
    opt.update(w, 2, 2); // G2 = 8 ; w2 = -0.5 - 0.5/sqrt(8)*2 = -0.853553...
    expect(Array.from(opt.state)).toEqual([1, 0, 8]);
    expect(w[0]).toBeCloseTo(-0.5, 6);
    expect(w[1]).toBe(0);
    expect(w[2]).toBeCloseTo(-0.5 - 1 / Math.sqrt(8), 6);
  });

  it.each(['momentum', 'adagrad'] as const)(
    '%s refuses a sparse update outside its state instead of writing NaN into the weights',
    (kind) => {
      const opt = createOptimizer({ kind, learningRate: 0.1 }, 2);
      const w = new Float64Array(4);
      for (const i of [2, -1, 0.5]) expect(() => opt.update(w, i, 1)).toThrow(RangeError);
      expect(Array.from(w)).toEqual([0, 0, 0, 0]);
    },
  );

  it('forgets its state on reset', () => {
    const opt = createOptimizer({ kind: 'momentum', learningRate: 0.1 }, 2);
    opt.step(new Float64Array(2), [1, 1]);
    opt.reset();
    expect(Array.from(opt.state)).toEqual([0, 0]);
  });

  it('refuses bad settings and mismatched gradients', () => {
    expect(() => createOptimizer({ kind: 'sgd', learningRate: 0 }, 1)).toThrow(/learningRate/);
    expect(() => createOptimizer({ kind: 'momentum', learningRate: 0.1, momentum: 1 }, 1)).toThrow(
      /momentum/,
    );
    expect(() => createOptimizer({ kind: 'nope' as OptimizerKind, learningRate: 0.1 }, 1)).toThrow(/kind/);
    const opt = createOptimizer({ kind: 'adagrad', learningRate: 0.1 }, 2);
    expect(() => opt.step(new Float64Array(2), [1])).toThrow(RangeError);
    expect(() => opt.step(new Float64Array(3), [1, 1, 1])).toThrow(RangeError);
  });

  // f(w) = sum_i a_i (w_i - c_i)^2, gradient 2 a_i (w_i - c_i), minimum at w = c.
  const settings: Array<[OptimizerKind, number]> = [
    ['sgd', 0.05],
    ['momentum', 0.02],
    ['adagrad', 0.5],
  ];
  it.each(settings)('%s minimises a simple quadratic', (kind, learningRate) => {
    const a = [1, 4, 0.5];
    const c = [3, -1, 2];
    const opt = createOptimizer({ kind, learningRate }, 3);
    const w = new Float64Array(3);
    const grad = new Float64Array(3);
    const loss = () => a.reduce((s, ai, i) => s + ai * ((w[i] as number) - (c[i] as number)) ** 2, 0);
    const start = loss();
    for (let t = 0; t < 2000; t++) {
      for (let i = 0; i < 3; i++) grad[i] = 2 * (a[i] as number) * ((w[i] as number) - (c[i] as number));
      opt.step(w, grad);
    }
    expect(loss()).toBeLessThan(start * 1e-6);
    for (let i = 0; i < 3; i++) expect(w[i]).toBeCloseTo(c[i] as number, 3);
  });
});
