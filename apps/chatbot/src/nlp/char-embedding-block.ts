// When training appends character embeddings to the features, and with what settings.
import { createRng } from '@suite/shared/ml';
import {
  DEFAULT_CHAR_EMBEDDINGS,
  fitCharEmbeddings,
  type CharEmbeddingOptions,
  type CharEmbeddings,
} from './char-embeddings.ts';

export interface CharBlockOptions extends CharEmbeddingOptions {
  /** Scale of the block relative to the unit-norm TF-IDF block. */
  weight: number;
  /**
   * `unspaced`: only for training sets written mostly in scripts without spaces (the switch that picks
   * `UNSPACED_SCRIPT_VECTORIZER`), where a character carries meaning; `any`: every training set.
   */
  scripts: 'unspaced' | 'any';
}

/**
 * PPMI of characters within 2 places, k = 32, at weight 0.3: on SMP2018's train.csv (5-fold x 3 cross-validation)
 * +0.65 +- 0.18 points over the same app without it (weights 0.2 / 0.4, k 16 / 48 and windows 1 / 3 no better);
 * test 92.34% against 91.82%. No minimum size: on 3 to 40 examples per intent drawn from train.csv it gained 1-2
 * points in both training regimes (bench/research/char-block-size.ts; bench/RESULTS.md, 30 Nov 2026).
 */
export const DEFAULT_CHAR_BLOCK: CharBlockOptions = Object.freeze({
  ...DEFAULT_CHAR_EMBEDDINGS,
  weight: 0.3,
  scripts: 'unspaced',
});

/**
 * Fits the block on the training texts when `options` and the script call for it; undefined otherwise. Its random
 * stream is its own (from `seed`), so switching the block off leaves every other draw of the training as it was.
 */
export function tryFitCharBlock(
  texts: readonly string[],
  options: CharBlockOptions | false,
  unspaced: boolean,
  seed: number,
): CharEmbeddings | undefined {
  if (options === false || options.weight === 0) return undefined;
  if (options.scripts === 'unspaced' && !unspaced) return undefined;
  const chars = fitCharEmbeddings(texts, options, createRng(seed));
  return chars.dim === 0 ? undefined : chars;
}
