import { describe, expect, it } from 'vitest';
import { charTableEmbeddings, quantiseCharTable } from './char-table.ts';
import { joinCharTables } from './joined-char-table.ts';

const a = quantiseCharTable('a', 'source a', {
  chars: '歌曲',
  dim: 2,
  vectors: Float32Array.from([1, 0, 0.6, 0.8]),
});
const b = quantiseCharTable('b', 'source b', {
  chars: '曲菜汤',
  dim: 3,
  vectors: Float32Array.from([0, 0, 2, 1, 0, 0, 0, 3, 4]),
});

describe('joinCharTables', () => {
  const t = joinCharTables(a, b, 'a+b', 'both');
  const e = charTableEmbeddings(t);
  const row = (c: string) => Array.from(e.vector(c) as Float32Array, (x) => Number(x.toFixed(2)));

  it("holds both tables' characters, first table first, their rows side by side at equal weight", () => {
    expect([t.name, t.source, t.dim, t.chars]).toEqual(['a+b', 'both', 5, '歌曲菜汤']);
    expect(row('曲')).toEqual([0.42, 0.57, 0, 0, 0.71]);
  });

  it('leaves zeros where a table lacks the character', () => {
    expect(row('歌')).toEqual([1, 0, 0, 0, 0]);
    expect(row('汤')).toEqual([0, 0, 0, 0.6, 0.8]);
  });
});
