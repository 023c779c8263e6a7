// Two character tables as one: each character's row is its rows from both side by side, each unit length (zeros
// where a table lacks the character), so the app's single table block holds both sources at equal weight.
import { charTableEmbeddings, quantiseCharTable, type CharTable } from './char-table.ts';

/**
 * The union of two tables' characters (`a`'s first, in its order), `a.dim + b.dim` values a row, quantised again.
 *
 * @example const table = joinCharTables(jiebaTable, sunpinyinTable, 'jieba+sunpinyin', 'both sources and licences');
 */
export function joinCharTables(a: CharTable, b: CharTable, name: string, source: string): CharTable {
  const ea = charTableEmbeddings(a);
  const eb = charTableEmbeddings(b);
  const chars = [...new Set([...a.chars, ...b.chars])];
  const dim = a.dim + b.dim;
  const vectors = new Float32Array(chars.length * dim);
  chars.forEach((c, r) => {
    const va = ea.vector(c);
    const vb = eb.vector(c);
    if (va !== undefined) vectors.set(va, r * dim);
    if (vb !== undefined) vectors.set(vb, r * dim + a.dim);
  });
  return quantiseCharTable(name, source, { chars: chars.join(''), dim, vectors });
}
