// findUnstorableText looks through rows of numbers in place (no step per row) and still finds text PostgreSQL
// refuses wherever it sits in them: after numbers, in an object inside a row, in a key, in order.
import { describe, expect, it } from 'vitest';
import { findUnstorableText } from './storable-text.ts';

describe('findUnstorableText', () => {
  it('finds refused text inside rows that are mostly numbers, with the path of the first', () => {
    expect(findUnstorableText({ rows: [[1, 2], [3, 'ok', 'a\u0000'], ['b\ud800']] })).toBe('rows.1.2');
    expect(findUnstorableText([[1, [2, [3, 'x\udc00y']]]])).toBe('0.1.1.1');
    expect(findUnstorableText([[1, { 'k\u0000': 1 }]])).toBe('0.1.k\u0000');
    expect(findUnstorableText([[1, { k: ['\u0000'] }]], 'body')).toBe('body.0.1.k.0');
  });

  it('passes rows of numbers, booleans and null, and storable text', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [i, i / 3, null, true, -0]);
    expect(findUnstorableText({ instances: rows })).toBeUndefined();
    expect(findUnstorableText([['emoji 😀', '中文'], []])).toBeUndefined();
  });
});
