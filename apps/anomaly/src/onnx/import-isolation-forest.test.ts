// The ONNX import on scikit-learn's own export (its outputs as the reference) and on small graphs built here for
// the cases that export does not reach: float32 split semantics, strict splits, averaged leaves, other outputs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '@suite/shared/errors';
import { scoreRow } from '../forest/index.ts';
import { averagePathLength } from '../forest/path-length.ts';
import { createForestModel, type TreeNode } from '../testing/onnx-forest-model.ts';
import { importIsolationForest } from './import-isolation-forest.ts';

/** Written by apps/inference/models/make-models.py: IsolationForest(n_estimators=25, max_samples=128). */
const MODELS = new URL('../../../inference/models/', import.meta.url);
const model = (name: string) => new Uint8Array(readFileSync(new URL(name, MODELS)));
const reference = JSON.parse(readFileSync(new URL('iforest.json', MODELS), 'utf8')) as {
  reference: { inputs: { features: number[][] }; outputs: { scores: number[][]; label: number[] } };
};

const refusal = (bytes: Uint8Array, features?: number): string => {
  try {
    importIsolationForest(bytes, features);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error('expected the import to refuse the model');
};

describe('importIsolationForest on the scikit-learn export', () => {
  const imported = importIsolationForest(model('iforest.onnx'));

  it("scores as scikit-learn's decision_function and predict do", () => {
    const { inputs, outputs } = reference.reference;
    const { a, b } = imported.formula;
    expect(inputs.features).toHaveLength(24);
    inputs.features.forEach((row, i) => {
      const decision = a * scoreRow(imported.forest, row) + b;
      expect(Math.abs(decision - outputs.scores[i]![0]!)).toBeLessThan(1e-9);
      expect(decision < 0 ? -1 : 1).toBe(outputs.label[i]);
    });
    expect(outputs.label).toContain(-1);
  });

  it('recovers the forest as scikit-learn holds it: trees, psi, every leaf as depth + c(n)', () => {
    expect(imported.formula).toMatchObject({ output: 'scores', a: -1, b: 0.5 });
    expect(imported.forest).toMatchObject({ nTrees: 25, nFeatures: 4, sampleSize: 128 });
    expect(imported.forest.normalizer).toBe(averagePathLength(128));
    expect(imported.exactLeaves).toBe(imported.leaves);
    expect(imported.input).toBe('features');
  });

  it('refuses the wrong input width, other models and bytes that are not ONNX, naming what it found', () => {
    expect(refusal(model('iforest.onnx'), 6)).toBe(
      'model.input.features: the model takes 4 features per row, expected 6',
    );
    expect(refusal(model('wine-forest.onnx'))).toContain('not an IsolationForest');
    expect(refusal(model('wine-forest.onnx'))).toContain('TreeEnsembleClassifier');
    expect(refusal(model('iris-logreg.onnx'))).toContain('LinearClassifier');
    expect(refusal(model('wine-mlp.onnx'))).toContain('Gemm');
    expect(refusal(new TextEncoder().encode('{"rows": [[1, 2]]}'))).toMatch(/^body: not an ONNX model/);
  });
});

// One split on feature 0 at 0.1 (0.10000000149011612 as float32): depth-1 leaves, one point (c = 0) on the <= side
// and two (c = 1) on the other, so a walk ends at path length 1 or 2; c(psi) = 1 (psi = 2).
const leaf = (weight: number): TreeNode => ({ weight });
const split: TreeNode = { feature: 0, value: 0.1, yes: leaf(1), no: leaf(2) };
const JUST_ABOVE = 0.1000000016; // rounds to float32 0.1, but is above it as a double

describe('importIsolationForest on built graphs', () => {
  it('takes each split as ONNX Runtime does on float input: the row rounded to float32 first', () => {
    const f = importIsolationForest(
      createForestModel({ trees: [split], width: 1, c: 1, output: 'decision' }),
    );
    expect(f.formula).toMatchObject({ a: -1, b: 0.5 });
    expect(f.forest.sampleSize).toBe(2);
    expect(scoreRow(f.forest, [0.1])).toBe(0.5);
    expect(scoreRow(f.forest, [JUST_ABOVE])).toBe(0.5);
    expect(scoreRow(f.forest, [0.10000001])).toBe(0.25);
    const strict = importIsolationForest(
      createForestModel({ trees: [split], width: 1, c: 1, output: 'decision', mode: 'BRANCH_LT' }),
    );
    expect(scoreRow(strict.forest, [0.1])).toBe(0.25);
    expect(scoreRow(strict.forest, [0.0999999])).toBe(0.5);
    const double = importIsolationForest(
      createForestModel({ trees: [split], width: 1, c: 1, output: 'decision', elemType: 11 }),
    );
    expect(scoreRow(double.forest, [JUST_ABOVE])).toBe(0.25);
  });

  it('reads averaged leaves and a score_samples output written with Div and Sub', () => {
    const f = importIsolationForest(
      createForestModel({ trees: [split, split], width: 3, c: 1, output: 'samples', aggregate: 'AVERAGE' }),
    );
    expect(f.formula).toMatchObject({ a: -1, b: 0 });
    expect(f.forest).toMatchObject({ nTrees: 2, nFeatures: 3 });
    expect(scoreRow(f.forest, [5, 0, 0])).toBe(0.25);
  });

  it('refuses a tree ensemble whose output is no Isolation Forest score, and broken trees', () => {
    expect(refusal(createForestModel({ trees: [split], width: 1, c: 1, output: 'linear' }))).toContain(
      'not an IsolationForest: no output computes',
    );
    const orphan: TreeNode = { feature: 3, value: 0, yes: leaf(1), no: leaf(2) };
    expect(refusal(createForestModel({ trees: [orphan], width: 2, c: 1, output: 'decision' }))).toContain(
      'a split on feature 3, but the input has 2 features',
    );
  });
});
