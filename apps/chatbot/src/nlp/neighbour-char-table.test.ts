import { describe, expect, it } from 'vitest';
import { encodeCharTable } from './char-table.ts';
import { charTableFromWordPairs, SUNPINYIN_TABLE, type WordPairModel } from './neighbour-char-table.ts';

// Songs and films are played, dishes are cooked: 歌/曲 and 影/剧 share their neighbours, 菜/汤 others.
const words = ['', '播放', '一首', '歌', '曲', '电影', '剧', '做', '菜', '汤', '好吃'];
const pairs: [string, string, number][] = [
  ['播放', '歌', 3],
  ['播放', '曲', 2],
  ['一首', '歌', 3],
  ['一首', '曲', 3],
  ['播放', '电影', 2],
  ['播放', '剧', 2],
  ['做', '菜', 3],
  ['做', '汤', 2],
  ['菜', '好吃', 2],
  ['汤', '好吃', 2],
];
const model: WordPairModel = {
  words,
  unigram: Float64Array.from(words, (w) => (w === '' ? 0 : 0.1)),
  pairs: pairs.map(([a, b, p]) => ({ left: words.indexOf(a), right: words.indexOf(b), p })),
};
const options = { ...SUNPINYIN_TABLE, dim: 3, maxChars: 0, name: 'fixture', source: 'a test model' };

describe('charTableFromWordPairs', () => {
  const table = charTableFromWordPairs(model, options);
  const row = (c: string) => {
    const at = [...table.chars].indexOf(c);
    const v = Array.from(table.codes.subarray(at * 3, at * 3 + 3));
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  };
  const cos = (a: string, b: string) => row(a).reduce((s, x, i) => s + x * row(b)[i]!, 0);

  it('puts characters whose words have the same neighbours together', () => {
    expect(cos('歌', '曲')).toBeGreaterThan(0.9);
    expect(cos('菜', '汤')).toBeGreaterThan(0.9);
    expect(cos('歌', '菜')).toBeLessThan(cos('歌', '曲') - 0.5);
  });

  it('keeps the most used characters when told to, and rebuilds to the same bytes', () => {
    expect([...table.chars].length).toBe(14);
    expect([...charTableFromWordPairs(model, { ...options, maxChars: 4 }).chars]).toHaveLength(4);
    expect(encodeCharTable(charTableFromWordPairs(model, options))).toEqual(encodeCharTable(table));
  });
});
