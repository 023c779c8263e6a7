// A character table from a word language model's word pairs (sunpinyin's open-gram model, read by
// scripts/sunpinyin-model.ts): a character is described by the words that come before and after the words holding
// it, positive PMI of those (character, neighbour) weights factorised by SVD. Unlike a word list's inside-word
// characters, this says what a character's words are used for ("影" near "视 音 片", "歌" near "曲 诗 唱").
import { createRng } from '@suite/shared/ml';
import { quantiseCharTable, type CharTable } from './char-table.ts';
import { createCounts, ppmiSvd } from './sparse-ppmi-svd.ts';

/** Word pairs of a language model: `p` is the joint weight of word `left` followed by word `right`. */
export interface WordPairModel {
  /** Word text by id ('' for ids without text). */
  words: string[];
  /** Unigram probability by id (0 where the model has none). */
  unigram: Float64Array;
  pairs: { left: number; right: number; p: number }[];
}

export interface NeighbourTableOptions {
  name: string;
  source: string;
  dim: number;
  /** Rows kept: the characters most used (unigram mass of the words holding them); 0 keeps every one used. */
  maxChars: number;
  /** Seed of the randomised SVD. */
  seed: number;
}

/**
 * sunpinyin's model as researched (bench/RESULTS.md, 30 Nov 2026, 19:50-21:00 UTC): k 32, every explicit bigram
 * weighted P(a) P(b | a), the 12,000 most used characters (all of SMP2018's 1,553, 0.4 MB as int8).
 */
export const SUNPINYIN_TABLE: Omit<NeighbourTableOptions, 'name' | 'source'> = Object.freeze({
  dim: 32,
  maxChars: 12000,
  seed: 7,
});

const HAN = /\p{Script=Han}/u;

/**
 * Builds the quantised table of a model's word pairs; deterministic, so a rebuild from the same model repeats to
 * the byte.
 *
 * @example const table = charTableFromWordPairs(readSunpinyinModel(), { ...SUNPINYIN_TABLE, name, source });
 */
export function charTableFromWordPairs(m: WordPairModel, o: NeighbourTableOptions): CharTable {
  const W = m.words.length;
  const charIndex = new Map<string, number>();
  const charsOf = m.words.map((w) =>
    [...w]
      .filter((c) => HAN.test(c))
      .map((c) => {
        let i = charIndex.get(c);
        if (i === undefined) charIndex.set(c, (i = charIndex.size));
        return i;
      }),
  );
  const C = charIndex.size;
  // Contexts 0..W-1: the word before; W..2W-1: the word after.
  const counts = createCounts(2 * W);
  for (const { left, right, p } of m.pairs) {
    for (const c of charsOf[left] as number[]) counts.add(c, W + right, p);
    for (const c of charsOf[right] as number[]) counts.add(c, left, p);
  }
  const { dim, vectors } = ppmiSvd(counts, C, { dim: o.dim, smoothing: 0.75, passes: 4 }, createRng(o.seed));
  const mass = new Float64Array(C);
  charsOf.forEach((cs, w) => cs.forEach((c) => (mass[c] = (mass[c] as number) + (m.unigram[w] as number))));
  const chars = [...charIndex.keys()];
  let keep = chars.map((_, i) => i).filter((i) => (mass[i] as number) > 0);
  if (o.maxChars > 0)
    keep = keep.sort((a, b) => (mass[b] as number) - (mass[a] as number)).slice(0, o.maxChars);
  keep.sort((a, b) => a - b);
  const rows = new Float32Array(keep.length * dim);
  keep.forEach((r, n) => rows.set(vectors.subarray(r * dim, (r + 1) * dim), n * dim));
  return quantiseCharTable(o.name, o.source, {
    chars: keep.map((i) => chars[i]).join(''),
    dim,
    vectors: rows,
  });
}
