import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { classMargins } from './class-margins.ts';
import { scoreInto, trainLinearModel } from './linear-model.ts';

describe('classMargins', () => {
  it('gives a rarer class the wider margin, n^-power, with the examples mean margin 1', () => {
    // 16 rows of class 0, 1 of class 1: at power 0.25 the margins stand 2 : 1 (16^0.25 = 2).
    const ys = Int32Array.from({ length: 17 }, (_, i) => (i < 16 ? 0 : 1));
    const m = classMargins(ys, 2, 0.25);
    expect((m[1] as number) / (m[0] as number)).toBeCloseTo(2, 10);
    expect((16 * (m[0] as number) + (m[1] as number)) / 17).toBeCloseTo(1, 10);
    expect(Array.from(classMargins(ys, 2, 0))).toEqual([1, 1]);
  });

  it('counts weighted rows by their weight', () => {
    const ys = Int32Array.from([0, 0, 1]);
    const m = classMargins(ys, 2, 1, Float32Array.from([0.5, 0.5, 1]));
    expect(m[0]).toBeCloseTo(m[1] as number, 10);
  });
});

describe('the hinge with label-distribution-aware margins', () => {
  it('trains the same model as before at power 0, and another one at a positive power', () => {
    const xs = [0, 1, 2, 0, 1].map((c) => ({
      indices: Int32Array.from([c]),
      values: Float32Array.from([1]),
    }));
    const ys = Int32Array.from([0, 1, 2, 0, 0]);
    // AdaGrad's steps do not depend on the margin's size, only on whether a row is inside it: enough epochs for
    // the rows to clear their margins, which differ between the classes at power 0.5.
    const o = { learningRate: 0.5, epochs: 40 };
    const plain = trainLinearModel(xs, ys, 3, 3, createRng(1), o);
    const zero = trainLinearModel(xs, ys, 3, 3, createRng(1), { ...o, marginPower: 0 });
    const ldam = trainLinearModel(xs, ys, 3, 3, createRng(1), { ...o, marginPower: 0.5 });
    expect(Array.from(zero.weights)).toEqual(Array.from(plain.weights));
    expect(Array.from(ldam.weights)).not.toEqual(Array.from(plain.weights));
  });
});

describe('the AROW solver', () => {
  it('separates a toy problem the SGD hinge separates, with a model of its own', () => {
    const xs = [0, 1, 2, 0, 1, 2].map((c) => ({
      indices: Int32Array.from([c, 3]),
      values: Float32Array.from([1, 0.5]),
    }));
    const ys = Int32Array.from([0, 1, 2, 0, 1, 2]);
    const arow = trainLinearModel(xs, ys, 3, 4, createRng(1), { solver: 'arow', arowR: 1, epochs: 5 });
    const scores = new Float64Array(3);
    xs.forEach((x, i) => {
      scoreInto(arow, x, scores);
      expect(scores.indexOf(Math.max(...scores))).toBe(ys[i]);
    });
    const sgd = trainLinearModel(xs, ys, 3, 4, createRng(1), { epochs: 5 });
    expect(Array.from(arow.weights)).not.toEqual(Array.from(sgd.weights));
  });
});
