import { describe, expect, it } from 'vitest';
import { encodeCharTable } from './char-table.ts';
import { getShippedCharTable, resetShippedCharTable } from './shipped-char-table.ts';
import { charTableFromWordList, JIEBA_TABLE, wordListWords } from './word-list-char-table.ts';

// jieba's dict.txt format: word, frequency, part-of-speech tag.
const DICT = [
  '唱歌 20 v',
  '歌曲 30 n',
  '歌手 10 n',
  '唱片 5 n',
  '炒菜 8 v',
  '菜谱 3 n',
  '做菜 4 v',
  '菜 50 n',
  'C# 3 nz',
]
  .concat(['天气 40 n', '气温 9 n', '晴天 7 n', ''])
  .join('\n');
const options = { ...JIEBA_TABLE, dim: 4, name: 'fixture', source: 'a test word list' };

describe('charTableFromWordList', () => {
  it('reads the first field of each line and skips one-character words', () => {
    expect(wordListWords(DICT, 2)).toEqual([
      ...['唱歌', '歌曲', '歌手', '唱片', '炒菜', '菜谱', '做菜', 'C#', '天气', '气温', '晴天'],
    ]);
  });

  it('rebuilds to the same bytes from the same list', () => {
    const a = encodeCharTable(charTableFromWordList(DICT, options));
    const b = encodeCharTable(charTableFromWordList(DICT, options));
    expect(b).toEqual(a);
    expect(charTableFromWordList(DICT, options).name).toBe('fixture');
  });
});

describe('the shipped character table (data/char-table.bin)', () => {
  it('loads once, named, with a 32-value row per character', () => {
    resetShippedCharTable();
    const { table, embeddings } = getShippedCharTable();
    expect(table.name).toMatch(/^jieba-/);
    expect(table.source).toMatch(/MIT/);
    expect(embeddings.dim).toBe(32);
    expect([...table.chars].length * 32).toBe(table.codes.length);
    expect(getShippedCharTable().table).toBe(table);
  });

  it('puts related characters near each other (歌 near 唱, far from 钢)', () => {
    const { embeddings: e } = getShippedCharTable();
    const cos = (a: string, b: string) =>
      (e.vector(a) as Float32Array).reduce((s, x, i) => s + x * (e.vector(b) as Float32Array)[i]!, 0);
    expect(cos('歌', '唱')).toBeGreaterThan(cos('歌', '钢') + 0.2);
  });
});
