import { describe, expect, it, vi } from 'vitest';
import { argmax, runTestRead, stratifiedFolds } from './fold-loop.ts';

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

describe('runTestRead', () => {
  it('trains each candidate once and reports its share of test rows predicted right', () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    const trained: string[] = [];
    try {
      runTestRead({
        names: ['always a', 'echo'],
        testLabels: ['a', 'b', 'a', 'c'],
        train: (name) => {
          trained.push(name);
          return name === 'echo' ? (i) => ['a', 'b', 'a', 'c'][i]! : () => 'a';
        },
      });
    } finally {
      log.mockRestore();
    }
    expect(trained).toEqual(['always a', 'echo']);
    const figures = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(figures.map((f) => [f.candidate, f.correct, f.rows, f.accuracy])).toEqual([
      ['always a', 2, 4, 0.5],
      ['echo', 4, 4, 1],
    ]);
  });
});
