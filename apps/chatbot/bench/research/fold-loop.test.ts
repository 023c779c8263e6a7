import { describe, expect, it } from 'vitest';
import { argmax, stratifiedFolds } from './fold-loop.ts';

describe('stratifiedFolds', () => {
  const labels = [...'aaaaaaaaaabbbbbcc'];

  it('deals every label across the folds as evenly as its count allows', () => {
    const fold = stratifiedFolds(labels, 5, 0);
    for (const l of 'abc') {
      const counts = new Array(5).fill(0);
      labels.forEach((x, i) => x === l && counts[fold[i] as number]++);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
  });

  it('repeats a repeat exactly and deals another repeat differently', () => {
    expect([...stratifiedFolds(labels, 5, 1)]).toEqual([...stratifiedFolds(labels, 5, 1)]);
    expect([...stratifiedFolds(labels, 5, 1)]).not.toEqual([...stratifiedFolds(labels, 5, 2)]);
  });
});

describe('argmax', () => {
  it('returns the first of tied highest scores', () => {
    expect(argmax([0.1, 0.5, 0.5, 0.2])).toBe(1);
  });
});
