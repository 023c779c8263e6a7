// Reads sunpinyin's open-gram word language model as Debian ships it (`apt-get install sunpinyin-data
// sunpinyin-utils`; the data is CC BY-SA 3.0): the lexicon pydict_sc.bin for word ids -> text, and the model
// lm_sc.t3g printed by `tslminfo -v` for its unigrams and explicit bigrams.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { WordPairModel } from '../src/nlp/neighbour-char-table.ts';

export const SUNPINYIN_DIR = '/usr/lib/x86_64-linux-gnu/sunpinyin/data';

/**
 * The lexicon's words by id: a word count at byte 0, the strings' offset at byte 8, then each word as UCS-4 code
 * points ending in 0, in id order (as CPinyinTrie::load in sunpinyin's src/lexicon/pytrie.cpp reads them).
 */
export function readSunpinyinLexicon(file = `${SUNPINYIN_DIR}/pydict_sc.bin`): string[] {
  const b = readFileSync(file);
  const n = b.readUInt32LE(0);
  let at = b.readUInt32LE(8);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    let w = '';
    for (let c = b.readUInt32LE(at); c !== 0; c = b.readUInt32LE(at)) {
      w += String.fromCodePoint(c);
      at += 4;
    }
    at += 4;
    words.push(w);
  }
  return words;
}

/** Lines of a large text buffer, decoded one at a time. */
function* lines(buf: Buffer): Generator<string> {
  let from = 0;
  for (let nl = buf.indexOf(10, from); nl >= 0; nl = buf.indexOf(10, (from = nl + 1)))
    yield buf.toString('utf8', from, nl);
}

/**
 * The model's unigram probabilities and its explicit bigrams weighted P(a) P(b | a); `tslminfo -v` prints -ln
 * probabilities, about 215 MB of text (read once; the trigrams after them are not used).
 */
export function readSunpinyinModel(dir = SUNPINYIN_DIR): WordPairModel {
  const words = readSunpinyinLexicon(`${dir}/pydict_sc.bin`);
  const out = execFileSync('tslminfo', ['-v', `${dir}/lm_sc.t3g`], { maxBuffer: 1 << 30 });
  const unigram = new Float64Array(words.length);
  const pairs: WordPairModel['pairs'] = [];
  let level = 0;
  for (const line of lines(out)) {
    if (line.startsWith('\\')) {
      level = Number(/\\(\d)-gram/.exec(line)?.[1] ?? -1);
      if (level === 3) break;
      continue;
    }
    const f = line.trim().split(/\s+/);
    if (level === 1) unigram[Number(f[0])] = Math.exp(-Number(f[1]));
    else if (level === 2) {
      const left = Number(f[0]);
      pairs.push({ left, right: Number(f[1]), p: (unigram[left] as number) * Math.exp(-Number(f[2])) });
    }
  }
  return { words, unigram, pairs };
}
