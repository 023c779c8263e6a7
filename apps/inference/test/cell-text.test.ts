// The prediction table names a class value by the version's `labels`, listed by index or keyed by value.
import { describe, expect, it } from 'vitest';
import { cellText } from '../web/src/cell-text.ts';

describe('cellText', () => {
  it('names a class index from a list of labels', () => {
    expect(cellText(2, ['setosa', 'versicolor', 'virginica'])).toBe('2 (virginica)');
    expect(cellText(3, ['setosa'])).toBe('3');
  });

  it("names a class value from labels keyed by value, as scikit-learn's IsolationForest publishes them", () => {
    const labels = { '1': 'inlier', '-1': 'outlier' };
    expect(cellText(1, labels)).toBe('1 (inlier)');
    expect(cellText(-1, labels)).toBe('-1 (outlier)');
    expect(cellText(0, labels)).toBe('0');
    expect(cellText('toString', labels)).toBe('"toString"'); // no inherited property taken for a label
  });

  it('shows numbers to six significant digits and leaves non-class values unnamed', () => {
    expect(cellText([0.123456789, 2], ['a', 'b', 'c'])).toBe('[0.123457, 2]');
    expect(cellText(0.5, { '0.5': 'half' })).toBe('0.5');
  });
});
