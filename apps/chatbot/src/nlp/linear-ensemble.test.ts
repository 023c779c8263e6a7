import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { createEnsembleTrainer } from './linear-ensemble.ts';
import { createLinearTrainer } from './linear-model.ts';
import type { SparseVector } from './tfidf-vectorizer.ts';

// 120 rows over 40 columns, 4 classes: the class is the first column's residue, the second column is noise.
const rng = createRng(3);
const xs: SparseVector[] = Array.from({ length: 120 }, () => ({
  indices: Int32Array.from([rng.nextInt(20), 20 + rng.nextInt(20)]),
  values: Float32Array.from([1, 0.5]),
}));
const ys = Int32Array.from(xs, (x) => (x.indices[0] as number) % 4);
const OPTIONS = { loss: 'hinge', optimizer: 'adagrad', learningRate: 0.05, shrinkMargin: 0.25 } as const;

describe('createEnsembleTrainer', () => {
  it('is the plain trainer, step for step, until averaging starts', () => {
    const plain = createLinearTrainer(4, 40, OPTIONS);
    const late = createEnsembleTrainer(4, 40, { ...OPTIONS, averageFrom: 99 });
    for (const t of [plain, late]) {
      t.train(xs, ys, 5, createRng(1));
      t.train(xs, ys, 2, createRng(2));
    }
    expect(late.model.weights).toEqual(plain.model.weights);
    expect(late.model.bias).toEqual(plain.model.bias);
  });

  it("averages the weights over every step from epoch `averageFrom` on (checked against each step's snapshot)", () => {
    // One row per call makes every call one step; a plain trainer fed the same rows gives the snapshots.
    const plain = createLinearTrainer(4, 40, OPTIONS);
    const averaged = createEnsembleTrainer(4, 40, { ...OPTIONS, averageFrom: 30 });
    const sum = new Float64Array(160);
    const biasSum = new Float64Array(4);
    let steps = 0;
    for (let i = 0; i < 90; i++) {
      const row = [xs[i] as SparseVector];
      const label = Int32Array.of(ys[i] as number);
      plain.train(row, label, 1, createRng(i));
      averaged.train(row, label, 1, createRng(i));
      if (i < 30) continue;
      steps++;
      plain.model.weights.forEach((w, j) => (sum[j] = (sum[j] as number) + w));
      plain.model.bias.forEach((b, k) => (biasSum[k] = (biasSum[k] as number) + b));
    }
    for (let j = 0; j < 160; j++)
      expect(averaged.model.weights[j]).toBeCloseTo((sum[j] as number) / steps, 5);
    for (let k = 0; k < 4; k++) expect(averaged.model.bias[k]).toBeCloseTo((biasSum[k] as number) / steps, 5);
    expect(averaged.model.weights).not.toEqual(plain.model.weights);
  });

  it("bags: the model is the mean of members trained on the caller's stream's forks", () => {
    const bag = createEnsembleTrainer(4, 40, { ...OPTIONS, bag: 2 });
    bag.train(xs, ys, 4, createRng(7));
    const forks = createRng(7);
    const members = [forks.fork(), forks.fork()].map((r) => {
      const m = createLinearTrainer(4, 40, OPTIONS);
      m.train(xs, ys, 4, r);
      return m.model;
    });
    bag.model.weights.forEach((w, j) =>
      expect(w).toBeCloseTo(((members[0]?.weights[j] as number) + (members[1]?.weights[j] as number)) / 2, 6),
    );
  });
});
