// The Chinese input methods' language models Debian ships, as word-pair weights: sunpinyin's open-gram word trigram
// model (`sunpinyin-data`, CC BY-SA 3.0; its reader is the app's, scripts/sunpinyin-model.ts) and fcitx5's libime
// prediction table (`libime-data-language-model`, LGPL-2.1+, printed by `libime_prediction -d` of `libime-bin`).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WordPairModel } from '../../src/nlp/neighbour-char-table.ts';

export type { WordPairModel };
export { readSunpinyinLexicon, readSunpinyinModel } from '../../scripts/sunpinyin-model.ts';

export const LIBIME_DIR = process.env.SUITE_LIBIME_DIR ?? '/usr/lib/x86_64-linux-gnu/libime';

/**
 * libime's prediction table (`word|next score` lines, log10 scores of the next word given the word): pairs weighted
 * by 10^score, the left word's weight unknown (taken as 1).
 */
export function readLibimePredictions(): WordPairModel {
  const file = join(mkdtempSync(join(tmpdir(), 'libime-')), 'predict.txt');
  execFileSync('libime_prediction', ['-d', `${LIBIME_DIR}/zh_CN.lm.predict`, file]);
  const id = new Map<string, number>();
  const words: string[] = [];
  const of = (w: string) => {
    let i = id.get(w);
    if (i === undefined) id.set(w, (i = words.push(w) - 1));
    return i;
  };
  const pairs: WordPairModel['pairs'] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(.+)\|(.+) (-?[\d.]+)$/.exec(line);
    if (m === null) continue;
    pairs.push({ left: of(m[1] as string), right: of(m[2] as string), p: 10 ** Number(m[3]) });
  }
  return { words, unigram: new Float64Array(words.length).fill(1), pairs };
}
