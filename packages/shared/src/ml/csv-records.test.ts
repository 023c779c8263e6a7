import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors/index.ts';
import { readCsvRecords } from './csv-records.ts';

const Rating = z.object({
  user: z.coerce.number().int(),
  item: z.coerce.number().int(),
  rating: z.coerce.number().min(0).max(5),
});

describe('readCsvRecords', () => {
  it('returns typed rows from a header and schema', () => {
    const { rows, rejected } = readCsvRecords(' user , item,rating\n1,10,4.5\n2,11,3\n', Rating);
    expect(rows).toEqual([
      { user: 1, item: 10, rating: 4.5 },
      { user: 2, item: 11, rating: 3 },
    ]);
    expect(rejected).toEqual([]);
  });

  it('rejects a bad value with a reason naming the field and the physical line', () => {
    const text = 'user,item,rating\n1,10,4.5\n"2","multi\nline",3\n3,12,9\n4,13,x\n';
    const { rows, rejected } = readCsvRecords(text, Rating);
    expect(rows).toEqual([{ user: 1, item: 10, rating: 4.5 }]);
    expect(rejected.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(rejected[0]?.reason).toMatch(/^item: /);
    expect(rejected[0]?.raw).toBe('"2","multi\nline",3');
    expect(rejected[1]?.reason).toMatch(/^rating: .*5/);
    expect(rejected[1]?.raw).toBe('3,12,9');
    expect(rejected[2]?.reason).toMatch(/^rating: /);
  });

  it('rejects records with the wrong number of fields instead of throwing', () => {
    const { rows, rejected } = readCsvRecords('user,item,rating\r\n1,2\r\n1,2,3,4\r\n5,6,1\r\n', Rating);
    expect(rows).toEqual([{ user: 5, item: 6, rating: 1 }]);
    expect(rejected).toEqual([
      { line: 2, reason: 'expected 3 fields (user, item, rating), found 2', raw: '1,2' },
      { line: 3, reason: 'expected 3 fields (user, item, rating), found 4', raw: '1,2,3,4' },
    ]);
  });

  it('rejects a record with broken quoting and reads on', () => {
    const { rows, rejected } = readCsvRecords('user,item,rating\n1,"2"x,3\n4,5,1', Rating);
    expect(rows).toEqual([{ user: 4, item: 5, rating: 1 }]);
    expect(rejected[0]).toMatchObject({ line: 2, reason: expect.stringMatching(/closing quote/) });
  });

  it('takes column names from options when there is no header, with another delimiter', () => {
    const { rows } = readCsvRecords('1|10|4\n2|11|5', Rating, {
      columns: ['user', 'item', 'rating'],
      delimiter: '|',
    });
    expect(rows).toHaveLength(2);
  });

  it('accepts a function parser; what it throws becomes the reason', () => {
    const { rows, rejected } = readCsvRecords('name,age\nann,31\nbob,-1\n', (record, line) => {
      const age = Number(record.age);
      if (!(age >= 0)) throw new ValidationError('bad age', [{ path: 'age', message: 'must be 0 or more' }]);
      return { name: record.name, age, line };
    });
    expect(rows).toEqual([{ name: 'ann', age: 31, line: 2 }]);
    expect(rejected).toEqual([{ line: 3, reason: 'age: must be 0 or more', raw: 'bob,-1' }]);
  });

  it('throws only for an unusable header', () => {
    expect(() => readCsvRecords('a,a\n1,2', z.object({}))).toThrow(/"a" appears twice/);
    expect(readCsvRecords('', Rating)).toEqual({ rows: [], rejected: [] });
  });
});
