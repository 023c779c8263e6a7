// When training appends a shipped character table's vectors (data/char-table.bin) beside its own character block.
import { getShippedCharTable, type LoadedCharTable } from './shipped-char-table.ts';

export interface CharTableBlockOptions {
  /** Scale of the block relative to the unit-norm TF-IDF block. */
  weight: number;
  /** `unspaced`: only for training sets mostly in scripts without spaces (the character block's switch); `any`. */
  scripts: 'unspaced' | 'any';
  /** Below this many examples per intent (mean) the block is left out. */
  minExamplesPerIntent: number;
  /** The table; the shipped one (jieba's dictionary, data/README.md) when undefined. */
  table?: LoadedCharTable;
}

/**
 * Weight 0.3 beside the own block at 0.3 (research: bench/RESULTS.md, 30 Nov 2026, 17:05-17:50 UTC). In the app, on
 * SMP2018's train.csv (5-fold x 3 cross-validation) +0.33 +- 0.16 points (weights 0.2 / 0.4 no better), and +0.7 to
 * +1.8 points at 5 to 40 examples per intent in both training regimes, so no minimum size (30 Nov 2026, 19:50 UTC).
 */
export const DEFAULT_CHAR_TABLE_BLOCK: CharTableBlockOptions = Object.freeze({
  weight: 0.3,
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
