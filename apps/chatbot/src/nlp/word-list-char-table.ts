// A character table from a word list (one `word [frequency] [tag]` a line, jieba's dict.txt format): PPMI of the
// characters co-occurring inside a word, factorised by the same SVD as the training set's own character block.
import { createRng } from '@suite/shared/ml';
import { fitCharEmbeddings } from './char-embeddings.ts';
import { quantiseCharTable, type CharTable } from './char-table.ts';

export interface WordListTableOptions {
  name: string;
  source: string;
  /** Vector length. */
  dim: number;
  /** Characters on each side that count as context, inside one word. */
  window: number;
  /** Seed of the randomised SVD. */
  seed: number;
  /** Words shorter than this (in UTF-16 units, as measured) carry no co-occurrence and are skipped. */
  minLength: number;
}

/**
 * jieba's dictionary as researched (bench/RESULTS.md, 30 Nov 2026, 17:05-17:50): k 32, window 3 inside a word, the
 * unweighted list of its words of 2 or more characters (weighting by log frequency measured the same).
 */
export const JIEBA_TABLE: Omit<WordListTableOptions, 'name' | 'source'> = Object.freeze({
  dim: 32,
  window: 3,
  seed: 7,
  minLength: 2,
});

/** The words of a word list: the first field of each line, of at least `minLength` units. */
export function wordListWords(text: string, minLength: number): string[] {
  const words: string[] = [];
  for (const line of text.split('\n')) {
    const w = line.split(' ')[0];
    if (w !== undefined && w.length >= minLength) words.push(w);
  }
  return words;
}

/**
 * Builds the quantised table of a word list; deterministic, so a rebuild from the same file repeats to the byte.
 *
 * @example const table = charTableFromWordList(readFileSync(dict, 'utf8'), { ...JIEBA_TABLE, name, source });
 */
export function charTableFromWordList(text: string, o: WordListTableOptions): CharTable {
  const words = wordListWords(text, o.minLength);
  const e = fitCharEmbeddings(words, { dim: o.dim, window: o.window }, createRng(o.seed));
  return quantiseCharTable(o.name, o.source, e.state);
}
