import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { scoreInto } from './linear-model.ts';
import { trainLinearSvm } from './linear-svm.ts';
import { trainIntentClassifier } from './train-intent-classifier.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

const vec = (pairs: [number, number][]): SparseVector => ({
  indices: Int32Array.from(pairs.map((p) => p[0])),
  values: Float32Array.from(pairs.map((p) => p[1])),
});

// Three classes, each owning one feature, plus a shared noise feature.
const xs = [
  vec([[0, 1]]),
  vec([
    [0, 0.8],
    [3, 0.6],
  ]),
  vec([[1, 1]]),
  vec([
    [1, 0.8],
    [3, 0.6],
  ]),
  vec([[2, 1]]),
  vec([
    [2, 0.8],
    [3, 0.6],
  ]),
];
const ys = Int32Array.from([0, 0, 1, 1, 2, 2]);

function predict(model: ReturnType<typeof trainLinearSvm>, x: SparseVector): number {
  const out = new Float64Array(model.classes);
  scoreInto(model, x, out);
  return out.indexOf(Math.max(...out));
}

describe('trainLinearSvm', () => {
  it('separates classes and puts each one-vs-rest margin at about 1 for a large C', () => {
    const model = trainLinearSvm(xs, ys, 3, 4, createRng(1), { c: 1000, tolerance: 1e-4 });
    xs.forEach((x, i) => expect(predict(model, x)).toBe(ys[i]));
    // The support vectors of the hard-margin solution sit on the margin: y * score = 1.
    const out = new Float64Array(3);
    scoreInto(model, xs[1] as SparseVector, out);
    expect(out[0]).toBeCloseTo(1, 1);
    expect(out[1]).toBeLessThan(-0.9);
  });

  it('shrinks the weights as C falls (stronger regularisation)', () => {
    const norm = (c: number) => {
      const m = trainLinearSvm(xs, ys, 3, 4, createRng(1), { c });
      return Math.hypot(...m.weights);
    };
    expect(norm(0.01)).toBeLessThan(norm(1));
  });

  it('folds per-class feature scales into the weights', () => {
    const scales = [0, 1, 2].map(() => Float32Array.from([2, 2, 2, 2]));
    const plain = trainLinearSvm(xs, ys, 3, 4, createRng(1), { c: 1, tolerance: 1e-6 });
    const scaled = trainLinearSvm(
      xs,
      ys,
      3,
      4,
      createRng(1),
      { c: 0.25, tolerance: 1e-6 },
      undefined,
      scales,
    );
    // Scaling every feature by 2 with C / 4 is the same problem, up to the bias feature's share of the norm.
    xs.forEach((x) => expect(predict(scaled, x)).toBe(predict(plain, x)));
  });

  it('is the solver of the intent pipeline when asked for', () => {
    const examples = [
      ...['where is my card', 'my card has not arrived', 'card still not here'].map((text) => ({
        text,
        intent: 'card_arrival',
      })),
      ...['cancel my transfer', 'stop the transfer', 'undo my transfer please'].map((text) => ({
        text,
        intent: 'cancel_transfer',
      })),
    ];
    const clf = trainIntentClassifier(examples, { linear: { solver: 'svm', c: 1 } });
    expect(clf.predict('has my card arrived').intent).toBe('card_arrival');
    expect(clf.predict('please cancel the transfer').intent).toBe('cancel_transfer');
  });
});
