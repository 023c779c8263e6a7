import { describe, expect, it } from 'vitest';
import { parseItemsText, parseRatingsText, parseUsersText } from './movielens.ts';

describe('MovieLens readers', () => {
  it('parses tab-separated ratings and skips blank lines', () => {
    const r = parseRatingsText('1\t10\t4\t881250949\n\n2\t20\t3\t891717742\n');
    expect(Array.from(r.user)).toEqual([1, 2]);
    expect(Array.from(r.item)).toEqual([10, 20]);
    expect(Array.from(r.rating)).toEqual([4, 3]);
    expect(r.time[1]).toBe(891717742);
  });

  it('maps the 19 genre flags of u.item to genre names, keeping pipes in titles apart', () => {
    const flags = ['0', '0', '0', '1', '1', '1', ...new Array(13).fill('0')].join('|');
    const [item] = parseItemsText(`1|Toy Story (1995)|01-Jan-1995||http://x|${flags}\n`);
    expect(item).toEqual({ id: 1, title: 'Toy Story (1995)', genres: ['Animation', "Children's", 'Comedy'] });
  });

  it('reads users with unknown gender as null', () => {
    expect(parseUsersText('1|24|M|technician|85711\n2|53|X|other|94043\n')).toEqual([
      { id: 1, age: 24, gender: 'M', occupation: 'technician' },
      { id: 2, age: 53, gender: null, occupation: 'other' },
    ]);
  });
});
