import { describe, expect, it } from 'vitest';
import { fitSpelling, osaDistanceCapped } from './spelling.ts';

describe('osaDistanceCapped', () => {
  it('is 1 for one insertion, deletion, substitution or swap of neighbours, 2 beyond', () => {
    expect(osaDistanceCapped('card', 'card')).toBe(0);
    expect(osaDistanceCapped('recieve', 'receive')).toBe(1);
    expect(osaDistanceCapped('acount', 'account')).toBe(1);
    expect(osaDistanceCapped('accounnt', 'account')).toBe(1);
    expect(osaDistanceCapped('cart', 'card')).toBe(1);
    expect(osaDistanceCapped('identy', 'identity')).toBe(2);
    expect(osaDistanceCapped('card', 'drac')).toBe(2);
  });
});

describe('fitSpelling', () => {
  const docs = [
    ...Array.from({ length: 6 }, () => ['my', 'account', 'is', 'locked']),
    ['my', 'acount', 'is', 'locked'],
    ['enable', 'my', 'account'],
    ...Array.from({ length: 6 }, () => ['unable', 'to', 'pay']),
  ];

  it('maps a rare or unseen word to a much more frequent one at distance 1, and leaves the rest', () => {
    const fix = fitSpelling(docs, { maxCount: 1, minTarget: 3, ratio: 5 });
    expect(fix('acount')).toBe('account');
    expect(fix('accont')).toBe('account');
    expect(fix('account')).toBe('account');
    expect(fix('my')).toBe('my'); // shorter than minLength
    expect(fix('zebra')).toBe('zebra');
  });

  it('keeps the words `keep` names (a dictionary) and unseen ones when maxCount is 0 only for unseen', () => {
    const dictionary = new Set(['enable']);
    expect(fitSpelling(docs, {})('enable')).toBe('unable');
    expect(fitSpelling(docs, {}, (w) => dictionary.has(w))('enable')).toBe('enable');
    expect(fitSpelling(docs, { maxCount: 0 })('acount')).toBe('acount');
    expect(fitSpelling(docs, { maxCount: 0 })('acconut')).toBe('account');
  });
});
