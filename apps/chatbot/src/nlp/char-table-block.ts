// When training appends a shipped character table's vectors (data/char-table.bin) beside its own character block.
import { getShippedCharTable, type LoadedCharTable } from './shipped-char-table.ts';

export interface CharTableBlockOptions {
  /** Scale of the block relative to the unit-norm TF-IDF block. */
  weight: number;
  /** `unspaced`: only for training sets mostly in scripts without spaces (the character block's switch); `any`. */
  scripts: 'unspaced' | 'any';
  /** Below this many examples per intent (mean) the block is left out. */
  minExamplesPerIntent: number;
  /** The table; the shipped one (jieba's dictionary and sunpinyin's language model, data/README.md) when undefined. */
  table?: LoadedCharTable;
}

/**
 * Weight 0.7 beside the own block at 0.3, for the shipped table (jieba's dictionary and sunpinyin's language model
 * side by side, 64 values): on SMP2018's train.csv +0.39 +- 0.12 points over jieba's table alone at 0.3 (5-fold x 6
 * repeats; 0.5: +0.25 +- 0.11; bench/RESULTS.md, 30 Nov 2026, 19:50-21:00 UTC). jieba's table alone wanted 0.3
 * (17:05-17:50 and 19:50 UTC entries), so another table may want another weight. No minimum size (the sizes measured
 * in that entry).
 */
export const DEFAULT_CHAR_TABLE_BLOCK: CharTableBlockOptions = Object.freeze({
  weight: 0.7,
  scripts: 'unspaced',
  minExamplesPerIntent: 0,
});

/** The table a training set of `examples` rows over `intents` intents appends under `options`, or undefined. */
export function tryCharTableBlock(
  options: Partial<CharTableBlockOptions> | false,
  unspaced: boolean,
  examples: number,
  intents: number,
): (LoadedCharTable & { weight: number }) | undefined {
  if (options === false) return undefined;
  const o: CharTableBlockOptions = { ...DEFAULT_CHAR_TABLE_BLOCK, ...options };
  if (o.weight === 0 || (o.scripts === 'unspaced' && !unspaced)) return undefined;
  if (examples < o.minExamplesPerIntent * intents) return undefined;
  return { ...(o.table ?? getShippedCharTable()), weight: o.weight };
}
