import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors/index.ts';
import { parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('splits plain fields and rows, ignoring a final line break', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('reads quoted fields with delimiters, doubled quotes and newlines inside', () => {
    const text = 'id,text\r\n1,"Smith, J"\r\n2,"say ""hi"""\r\n3,"two\nlines"\r\n4,""\r\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'Smith, J'],
      ['2', 'say "hi"'],
      ['3', 'two\nlines'],
      ['4', ''],
    ]);
  });

  it('accepts CRLF, LF and lone CR line breaks and skips blank lines', () => {
    expect(parseCsv('a\r\nb\n\nc\rd')).toEqual([['a'], ['b'], ['c'], ['d']]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv(',x,\n')).toEqual([['', 'x', '']]);
  });

  it('uses another delimiter such as tab or pipe', () => {
    expect(parseCsv('a\tb,c\n"x\ty"\tz', { delimiter: '\t' })).toEqual([
      ['a', 'b,c'],
      ['x\ty', 'z'],
    ]);
    expect(parseCsv('a|"b|c"', { delimiter: '|' })).toEqual([['a', 'b|c']]);
    expect(() => parseCsv('a', { delimiter: '||' })).toThrow(RangeError);
  });

  it('ignores a byte-order mark', () => {
    expect(parseCsv('\uFEFFid\n1')).toEqual([['id'], ['1']]);
  });

  it('refuses an unterminated quote, naming the line where it opened', () => {
    expect(() => parseCsv('a\nb\n"open\nmore')).toThrow(ValidationError);
    expect(() => parseCsv('a\nb\n"open\nmore')).toThrow(/line 3.*unterminated.*line 3/);
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"ab"c,d')).toThrow(/line 1: unexpected text after a closing quote in field 1/);
  });

  it('reads 100k rows without trouble', () => {
    const text =
      'u,i,r\n' + Array.from({ length: 100_000 }, (_, k) => `${k},${k % 97},"${k % 5}"`).join('\n');
    const rows = parseCsv(text);
    expect(rows.length).toBe(100_001);
    expect(rows[100_000]).toEqual(['99999', String(99999 % 97), String(99999 % 5)]);
  });
});
