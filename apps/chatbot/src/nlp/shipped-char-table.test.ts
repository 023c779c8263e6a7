import { describe, expect, it } from 'vitest';
import { getShippedCharTable, resetShippedCharTable } from './shipped-char-table.ts';

describe('the shipped character table (data/char-table.bin)', () => {
  it('loads once, named after both sources and their licences, with a 64-value row per character', () => {
    resetShippedCharTable();
    const { table, embeddings } = getShippedCharTable();
    expect(table.name).toMatch(/^jieba-.*\+sunpinyin-/);
    expect(table.source).toMatch(/MIT/);
    expect(table.source).toMatch(/CC BY-SA 3\.0/);
    expect(embeddings.dim).toBe(64);
    expect([...table.chars].length * 64).toBe(table.codes.length);
    expect(getShippedCharTable().table).toBe(table);
  });

  it('puts characters used alike near each other (歌 near 曲 and 唱, far from 钢; 影 near 视)', () => {
    const { embeddings: e } = getShippedCharTable();
    const cos = (a: string, b: string) =>
      (e.vector(a) as Float32Array).reduce((s, x, i) => s + x * (e.vector(b) as Float32Array)[i]!, 0);
    expect(cos('歌', '曲')).toBeGreaterThan(cos('歌', '钢') + 0.2);
    expect(cos('歌', '唱')).toBeGreaterThan(cos('歌', '钢') + 0.2);
    expect(cos('影', '视')).toBeGreaterThan(cos('影', '钢') + 0.2);
  });
});
