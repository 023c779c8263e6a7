import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { fitCharEmbeddings } from './char-embeddings.ts';
import {
  charTableEmbeddings,
  decodeCharTable,
  encodeCharTable,
  quantiseCharTable,
  type CharTable,
} from './char-table.ts';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);
const WORDS = [
  '唱歌',
  '歌曲',
  '唱曲',
  '炒菜',
  '菜谱',
  '做菜',
  '天气',
  '气温',
  '天晴',
  '歌手',
  '厨师',
  '菜单',
];
const float = () => fitCharEmbeddings(WORDS, { dim: 6, window: 1 }, createRng(3));

describe('quantiseCharTable', () => {
  it('keeps every row within a small angle of its float vector, at unit length once dequantised', () => {
    const f = float();
    const table = quantiseCharTable('test', 'a fixture', f.state);
    const q = charTableEmbeddings(table);
    for (const ch of f.state.chars) {
      const v = q.vector(ch) as Float32Array;
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
      expect(cosine(v, f.vector(ch) as Float32Array)).toBeGreaterThan(0.999);
    }
    // Each row fills the int8 range: its largest code is +-127.
    for (let r = 0; r < table.codes.length; r += 6)
      expect(Math.max(...[...table.codes.subarray(r, r + 6)].map(Math.abs))).toBe(127);
  });

  it('embeds a message as the unit mean of its characters, like the learned block', () => {
    const q = charTableEmbeddings(quantiseCharTable('test', '', float().state));
    expect(Math.hypot(...q.embed('唱歌吧'))).toBeCloseTo(1, 5);
    expect([...q.embed('xyz')]).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('char table file', () => {
  const table: CharTable = quantiseCharTable('jieba-test', 'fixture, MIT', float().state);

  it('decodes to the table it encoded, name and source included', () => {
    const back = decodeCharTable(encodeCharTable(table));
    expect(back).toEqual(table);
    expect(encodeCharTable(back)).toEqual(encodeCharTable(table));
  });

  it('decodes from a view inside a larger buffer (as an artifact embeds it)', () => {
    const bytes = encodeCharTable(table);
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 3);
    expect(decodeCharTable(padded.subarray(3, 3 + bytes.length))).toEqual(table);
  });

  it('rejects foreign, truncated and mislabelled files by name', () => {
    const bytes = encodeCharTable(table);
    expect(() => decodeCharTable(new Uint8Array(8))).toThrow(/too short/);
    expect(() => decodeCharTable(new Uint8Array(bytes.length))).toThrow(/bad magic/);
    expect(() => decodeCharTable(bytes.subarray(0, bytes.length - 1))).toThrow(/expected/);
    expect(() => encodeCharTable({ ...table, dim: 5 })).toThrow(/codes/);
  });
});
