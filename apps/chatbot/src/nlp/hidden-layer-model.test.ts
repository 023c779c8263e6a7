import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import type { SparseVector } from './tfidf-vectorizer.ts';
import { hiddenLayerProbabilities, trainHiddenLayerModel } from './hidden-layer-model.ts';

const vec = (pairs: [number, number][]): SparseVector => ({
  indices: Int32Array.from(pairs.map((p) => p[0])),
  values: Float32Array.from(pairs.map((p) => p[1])),
});

// Three classes, each owning one feature, plus a feature all of them share.
const xs = [0, 1, 2].flatMap((k) => [
  vec([[k, 1]]),
  vec([
    [k, 0.8],
    [3, 0.6],
  ]),
]);
const ys = Int32Array.from([0, 0, 1, 1, 2, 2]);

function probabilities(model: ReturnType<typeof trainHiddenLayerModel>, x: SparseVector): Float64Array {
  const out = new Float64Array(model.classes);
  hiddenLayerProbabilities(model, x, out, new Float64Array(model.hidden));
  return out;
}

describe('trainHiddenLayerModel', () => {
  it('learns separable classes, with probabilities that sum to 1', () => {
    const model = trainHiddenLayerModel(xs, ys, 3, 4, createRng(1), {
      epochs: 60,
      dropout: 0,
      inputDropout: 0,
    });
    xs.forEach((x, i) => {
      const p = probabilities(model, x);
      expect(p.indexOf(Math.max(...p))).toBe(ys[i]);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
  });

  it('repeats exactly for the same seed and differs for another', () => {
    const train = (seed: number) => trainHiddenLayerModel(xs, ys, 3, 4, createRng(seed), { epochs: 3 });
    expect(train(7).input).toEqual(train(7).input);
    expect(train(8).input).not.toEqual(train(7).input);
  });
});
