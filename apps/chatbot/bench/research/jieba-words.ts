// A candidate of issue 11 (1 Dec 2026, 15:00 UTC): jieba's segmentation (Debian's python3-jieba 0.42.1, run through
// /usr/bin/python3) in place of ICU's for the classifier's word block. Research form: `Intl.Segmenter` is wrapped
// (before the app builds its segmenters) so that, while a jieba candidate trains or predicts, a Chinese chunk of
// cleaned text is cut by jieba instead; the char n-grams run across word boundaries and the character blocks read
// characters, so only the word block changes. The cleaned chunks of every text of the train.csv named on the command
// line are segmented once per process (one python call); nothing here is in src/.
import { spawnSync } from 'node:child_process';
import { analyzeText, cleanText } from '../../src/nlp/text-cleaning.ts';
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import { intentFilesFromArgs, readIntentCsv } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';

const SCRIPT = `
import json, sys, jieba
jieba.setLogLevel(60)
hmm = sys.argv[1] == '1'
texts = json.load(sys.stdin)
json.dump([' '.join(w for w in jieba.cut(t, HMM=hmm) if w.strip()) for t in texts], sys.stdout, ensure_ascii=False)
`;

/** Chunk -> jieba's words, for the mode in use; undefined: ICU as shipped. */
let active: Map<string, string[]> | undefined;
const IcuSegmenter = Intl.Segmenter;
class SwitchableSegmenter extends IcuSegmenter {
  override segment(input: string): Intl.Segments {
    const words = active?.get(input);
    if (words === undefined) return super.segment(input);
    let index = 0;
    const parts = words.map((segment) => {
      const part = { segment, index, input, isWordLike: true };
      index += segment.length;
      return part;
    });
    return parts[Symbol.iterator]() as unknown as Intl.Segments;
  }
}
Object.defineProperty(Intl, 'Segmenter', { value: SwitchableSegmenter, writable: true, configurable: true });

const caches = new Map<boolean, Map<string, string[]>>();

/** The texts with jieba's words joined by spaces (one python process for all of them). */
export function jiebaSpaced(texts: string[], hmm: boolean): string[] {
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT, hmm ? '1' : '0'], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`python3-jieba failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as string[];
}

/** jieba's words of every cleaned chunk of the train file's texts (chunks jieba leaves whole included). */
function chunksOf(hmm: boolean): Map<string, string[]> {
  let cache = caches.get(hmm);
  if (cache === undefined) {
    const chunks = [
      ...new Set(
        readIntentCsv(intentFilesFromArgs().train).flatMap((r) =>
          cleanText(r.text, { accents: 'fold' }).split(' '),
        ),
      ),
    ].filter((c) => c !== '');
    const out = jiebaSpaced(chunks, hmm);
    caches.set(hmm, (cache = new Map(chunks.map((c, i) => [c, (out[i] as string).split(' ')]))));
  }
  return cache;
}

function withJieba<T>(chunks: Map<string, string[]>, f: () => T): T {
  active = chunks;
  try {
    return f();
  } finally {
    active = undefined;
  }
}

export function withJiebaWords(hmm: boolean): Candidate {
  return (fit) => {
    const chunks = chunksOf(hmm);
    const clf = withJieba(chunks, () => trainIntentClassifier(fit));
    return (text) => {
      const out = new Float64Array(clf.labels.length);
      out[clf.labels.indexOf(withJieba(chunks, () => clf.predict(text)).intent)] = 1;
      return out;
    };
  };
}

/** The registry (`intent-cv.ts --only='app|jb: ...'`). */
export function jiebaCandidates(): Record<string, Candidate> {
  return {
    'jb: jieba words': withJiebaWords(true),
    'jb: jieba words, no HMM': withJiebaWords(false),
  };
}

/** The classifier's words of `text` as the jieba candidate sees them (a check that the wrapper is in effect). */
export function jiebaWordsOf(text: string, hmm = true): string[] {
  return withJieba(chunksOf(hmm), () => analyzeText(text));
}
