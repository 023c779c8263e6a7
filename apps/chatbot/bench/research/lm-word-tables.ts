// Word vectors from an input-method language model (PPMI of a word against the words before and after it, SVD),
// used directly: a message is segmented by forward maximum matching against the table's words, and embedded as the
// unit mean of its words' vectors. The word-level alternative to lm-char-tables.ts's character tables.
// Usage: tsx bench/research/lm-word-tables.ts --out=/tmp/dir [--words=30000]
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRng } from '@suite/shared/ml';
import type { CharEmbeddings } from '../../src/nlp/char-embeddings.ts';
import { flag, report } from '../intent-data.ts';
import { createCounts, ppmiSvd } from '../../src/nlp/sparse-ppmi-svd.ts';
import { readSunpinyinModel, type WordPairModel } from './input-method-models.ts';

const HAN = /^\p{Script=Han}+$/u;

/** The `maxWords` most probable all-Han words as rows, their left and right neighbour words as contexts. */
export function wordNeighbourTable(m: WordPairModel, maxWords: number, dim: number) {
  const W = m.words.length;
  const ids = m.words
    .map((w, i) => i)
    .filter((i) => HAN.test(m.words[i] as string) && (m.unigram[i] as number) > 0)
    .sort((a, b) => (m.unigram[b] as number) - (m.unigram[a] as number))
    .slice(0, maxWords);
  const row = new Map(ids.map((id, r) => [id, r]));
  const counts = createCounts(2 * W);
  for (const { left, right, p } of m.pairs) {
    const a = row.get(left);
    const b = row.get(right);
    if (a !== undefined) counts.add(a, W + right, p);
    if (b !== undefined) counts.add(b, left, p);
  }
  const { vectors } = ppmiSvd(counts, ids.length, { dim, smoothing: 0.75, passes: 4 }, createRng(7));
  return { words: ids.map((i) => m.words[i] as string), dim, vectors };
}

/** Embeds messages by forward maximum matching against `words` (longest first, up to 8 characters). */
export function wordEmbedder(t: { words: string[]; dim: number; vectors: Float32Array }): CharEmbeddings {
  const at = new Map(t.words.map((w, i) => [w, i]));
  const { dim, vectors } = t;
  const embed = (text: string) => {
    const chars = [...text.normalize('NFKC').toLowerCase()];
    const sum = new Float64Array(dim);
    for (let i = 0; i < chars.length;) {
      let hit = -1;
      let len = Math.min(8, chars.length - i);
      for (; len > 0; len--) {
        const r = at.get(chars.slice(i, i + len).join(''));
        if (r !== undefined) {
          hit = r;
          break;
        }
      }
      if (hit < 0) {
        i++;
        continue;
      }
      for (let c = 0; c < dim; c++) sum[c] = (sum[c] as number) + (vectors[hit * dim + c] as number);
      i += len;
    }
    const n = Math.hypot(...sum) || 1;
    return Float32Array.from(sum, (x) => x / n);
  };
  return { state: { chars: '', dim, vectors: new Float32Array(0) }, dim, vector: () => undefined, embed };
}

if (process.argv[1]?.endsWith('lm-word-tables.ts')) {
  const out = flag('out', '/tmp/lm-char-tables');
  const n = Number(flag('words', '30000'));
  const c0 = process.cpuUsage();
  const t = wordNeighbourTable(readSunpinyinModel(), n, 32);
  const c1 = process.cpuUsage(c0);
  const name = `sun-words-${n}`;
  writeFileSync(`${out}/${name}.json`, JSON.stringify({ name, dim: t.dim, words: t.words }));
  writeFileSync(`${out}/${name}.f32`, new Uint8Array(t.vectors.buffer));
  report({
    table: name,
    words: t.words.length,
    cpuS: Number(((c1.user + c1.system) / 1e6).toFixed(2)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}
