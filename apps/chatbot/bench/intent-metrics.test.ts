import { describe, expect, it } from 'vitest';
import { scoreIntents, type ScoredPrediction } from './intent-metrics.ts';
import { identifyDataset, referencesFor } from './intent-references.ts';

const p = (gold: string, intent: string, outOfScope = false, confidence = 0.9): ScoredPrediction => ({
  gold,
  intent,
  outOfScope,
  confidence,
});

describe('scoreIntents', () => {
  it('gives closed-set accuracy and macro-F1 on a test file without oos rows', () => {
    const s = scoreIntents([p('a', 'a'), p('b', 'a'), p('b', 'b', true), p('a', 'a')]);
    expect(s).toMatchObject({ kind: 'closed-set', accuracy: 0.75 });
  });

  it('never counts an oos row as a wrong intent: in-scope accuracy plus OOS recall and precision', () => {
    const s = scoreIntents([
      p('a', 'a'), // right
      p('b', 'b', true), // in scope, wrongly rejected
      p('oos', 'a', true), // rejected: right
      p('oos', 'b'), // accepted: missed
    ]);
    expect(s).toEqual({
      kind: 'with-oos',
      inScopeRows: 2,
      oosRows: 2,
      inScopeAccuracy: 0.5,
      oosRecall: 0.5,
      oosPrecision: 0.5,
      ece: expect.any(Number),
    });
  });

  it('counts a predicted `oos` intent (a training file with oos rows) as a rejection', () => {
    const s = scoreIntents([p('a', 'a'), p('oos', 'oos')]);
    expect(s).toMatchObject({ inScopeAccuracy: 1, oosRecall: 1, oosPrecision: 1 });
  });
});

describe('reference figures', () => {
  it('belong to Banking77 only when both files are its own, never to another file', () => {
    const root = '/data';
    const banking = { train: '/data/banking77/train.csv', test: '/data/banking77/test.csv' };
    expect(identifyDataset(banking, root)).toBe('banking77');
    expect(referencesFor('banking77')?.accuracy).toBeDefined();
    const mine = { train: '/x/banking77-like/train.csv', test: '/data/banking77/test.csv' };
    expect(identifyDataset(mine, root)).toBe('/x/banking77-like/train.csv');
    expect(referencesFor(identifyDataset(mine, root))).toBeUndefined();
  });
});
