import { describe, expect, it } from 'vitest';
import { itemRowSchema, ratingRowSchema, userRowSchema } from './import-row-schemas.ts';
import { collapseDuplicates, detectFormat, parseImport } from './import-rows.ts';

const COLS = ['user', 'item', 'rating', 'time'];

describe('import cleaning', () => {
  it('reads CSV with header aliases and rejects bad rows with the field named', () => {
    const text = 'user_id,item_id,rating,timestamp\n1,10,4,881250949\n2,x,3,1\n3,11,7,1\n4,12,5,\n';
    const { rows, rejected } = parseImport(text, 'csv', ratingRowSchema, COLS);
    expect(rows).toEqual([
      { user: 1, item: 10, rating: 4, time: 881250949 },
      { user: 4, item: 12, rating: 5 },
    ]);
    expect(rejected.map((r) => r.line)).toEqual([3, 4]);
    expect(rejected[0]!.reason).toMatch(/item/);
    expect(rejected[1]!.reason).toMatch(/rating/);
  });

  it('reads MovieLens u.data lines as tab-separated values without a header', () => {
    const { rows } = parseImport(
      '196\t242\t3\t881250949\n186\t302\t3\t891717742\n',
      'tsv',
      ratingRowSchema,
      COLS,
    );
    expect(rows).toHaveLength(2);
  });

  it('reads JSON arrays with camelCase keys and ISO times, reporting element numbers', () => {
    const text = JSON.stringify([
      { userId: 1, itemId: 2, rating: 5, time: '2024-01-01T00:00:00Z' },
      { userId: 1 },
      'junk',
    ]);
    const { rows, rejected } = parseImport(text, 'json', ratingRowSchema, COLS);
    expect(rows).toEqual([{ user: 1, item: 2, rating: 5, time: 1704067200 }]);
    expect(rejected.map((r) => r.line)).toEqual([2, 3]);
  });

  it('rejects JSON booleans, arrays and nulls instead of coercing them into ids and ratings', () => {
    const text = JSON.stringify([
      { user: true, item: 1, rating: 3 },
      { user: 1, item: [2], rating: 3 },
      { user: 1, item: 2, rating: true },
      { user: 1, item: 2, rating: null },
    ]);
    const { rows, rejected } = parseImport(text, 'json', ratingRowSchema, COLS);
    expect(rows).toEqual([]);
    expect(rejected.map((r) => r.reason.split(':')[0])).toEqual(['user', 'item', 'rating', 'rating']);
  });

  it('reads numbers in cells as decimals only, so 0x10 is not user 16', () => {
    const { rows, rejected } = parseImport(
      'user,item,rating\n0x10,1,3\n1,0b1,3\n1,2,3.0\n1,3,4e0\n',
      'csv',
      ratingRowSchema,
      COLS,
    );
    expect(rows.map((r) => r.item)).toEqual([2, 3]);
    expect(rejected.map((r) => r.reason.split(':')[0])).toEqual(['user', 'item']);
  });

  it('rejects rating times in the future, which would otherwise block every later rating of the pair', () => {
    const future = Math.floor(Date.now() / 1000) + 7 * 86400;
    const text = `user,item,rating,time\n1,2,3,${future}\n1,3,3,${new Date(future * 1000).toISOString()}\n1,4,3,881250949\n`;
    const { rows, rejected } = parseImport(text, 'csv', ratingRowSchema, COLS);
    expect(rows.map((r) => r.item)).toEqual([4]);
    expect(rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^time: .*future/),
      expect.stringMatching(/^time: .*future/),
    ]);
  });

  it('rejects a time in epoch milliseconds as such, not as a time in the future', () => {
    // 881250949000 is MovieLens' 881250949 from a tool writing ms: read as seconds it is the year 29896.
    const text = 'user,item,rating,time\n1,2,3,881250949000\n1,3,3,881250949\n';
    const { rows, rejected } = parseImport(text, 'csv', ratingRowSchema, COLS);
    expect(rows.map((r) => r.item)).toEqual([3]);
    expect(rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^time: .*epoch milliseconds[^]*1000/),
    ]);
    expect(rejected[0]?.reason).not.toMatch(/future/);
  });

  it('rejects rating times before 1970 as implausible, as an ISO date or as negative Unix seconds', () => {
    const text =
      'user,item,rating,time\n1,2,3,1900-01-01T00:00:00Z\n1,3,3,-86400\n1,4,3,0\n1,5,3,881250949\n';
    const { rows, rejected } = parseImport(text, 'csv', ratingRowSchema, COLS);
    expect(rows.map((r) => r.item)).toEqual([4, 5]);
    expect(rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^time: .*before 1970-01-01T00:00:00Z/),
      expect.stringMatching(/^time: .*before 1970-01-01T00:00:00Z/),
    ]);
  });

  it('refuses a JSON body that is not a list', () => {
    expect(() => parseImport('{"a":1}', 'json', ratingRowSchema, COLS)).toThrow(/array/);
    expect(() => parseImport('{', 'json', ratingRowSchema, COLS)).toThrow(/JSON/);
  });

  it('collapses duplicates keeping the newest rating', () => {
    const { rows, collapsed } = collapseDuplicates([
      { user: 1, item: 1, rating: 2, time: 10 },
      { user: 1, item: 1, rating: 5, time: 20 },
      { user: 1, item: 1, rating: 3, time: 15 },
      { user: 2, item: 1, rating: 4 },
    ]);
    expect(collapsed).toBe(2);
    expect(rows.find((r) => r.user === 1)!.rating).toBe(5);
  });

  it('parses items with pipe-separated genres and users with blank fields', () => {
    expect(
      parseImport('id,title,genres\n1,Toy Story,Animation|Comedy\n', 'csv', itemRowSchema, []).rows,
    ).toEqual([{ id: 1, title: 'Toy Story', genres: ['Animation', 'Comedy'] }]);
    const users = parseImport('id,age,gender,occupation\n1,,F,writer\n2,30,X,\n', 'csv', userRowSchema, []);
    expect(users.rows).toEqual([{ id: 1, age: null, gender: 'F', occupation: 'writer' }]);
    expect(users.rejected[0]!.reason).toMatch(/gender/);
  });

  it('detects the format from the content type unless told', () => {
    expect(detectFormat('application/json; charset=utf-8')).toBe('json');
    expect(detectFormat('text/tab-separated-values')).toBe('tsv');
    expect(detectFormat('text/csv')).toBe('csv');
    expect(detectFormat('application/json', 'tsv')).toBe('tsv');
  });
});
