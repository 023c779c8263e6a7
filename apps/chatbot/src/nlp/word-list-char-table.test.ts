import { describe, expect, it } from 'vitest';
import { encodeCharTable } from './char-table.ts';
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
