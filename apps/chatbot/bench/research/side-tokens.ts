// Candidates of issue 11 (1 Dec 2026, 17:00 UTC): a side block of extra tokens beside the app's words and char n-grams,
// its own L2 norm and weight (`vectorizer.sideWeight`, a research hook in tfidf-vectorizer.ts and
// classifier-tokens.ts): jieba's words alongside ICU's (default cut, or every dictionary word of the full cut),
// pinyin syllables (homophone typos of spoken queries: "海棉宝宝" and "海绵宝宝" read alike), pinyin of ICU's words, and
// hashed char 3-grams. jieba is Debian's python3-jieba 0.42.1 through /usr/bin/python3 (one call per process for every
// chunk of the train.csv named); pinyin is npm pinyin-pro 3.29.4 (MIT), installed outside the repo and found through
// PINYIN_PRO_DIR (default /tmp/research-pinyin/node_modules/pinyin-pro). Nothing here is in the app.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { setSideTokenSource } from '../../src/nlp/classifier-tokens.ts';
import { analyzeText, cleanText } from '../../src/nlp/text-cleaning.ts';
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import { flag, intentFilesFromArgs, readIntentCsv } from '../intent-data.ts';
import type { Candidate } from './candidates.ts';

type Mode = 'default' | 'all' | 'search' | 'pos';
const SCRIPT = `
import json, sys, jieba, jieba.posseg
jieba.setLogLevel(60)
mode = sys.argv[1]
texts = json.load(sys.stdin)
def cut(t):
    if mode == 'pos': return ['%s/%d' % (p.flag, min(len(p.word), 4)) for p in jieba.posseg.cut(t)]
    if mode == 'all': return jieba.cut(t, cut_all=True)
    if mode == 'search': return jieba.cut_for_search(t)
    return jieba.cut(t)
json.dump([' '.join(w for w in cut(t) if w.strip()) for t in texts], sys.stdout, ensure_ascii=False)
`;

const HAN = /\p{Script=Han}/u;
const caches = new Map<Mode, Map<string, string[]>>();

/** jieba's words of every cleaned chunk of the train file's texts (and intent-cv's --test file's), for one mode. */
function jiebaChunks(mode: Mode): Map<string, string[]> {
  let cache = caches.get(mode);
  if (cache !== undefined) return cache;
  const files = [intentFilesFromArgs().train, flag('test', '')].filter((f) => f !== '');
  const chunks = [
    ...new Set(
      files.flatMap((f) =>
        readIntentCsv(f).flatMap((r) => cleanText(r.text, { accents: 'fold' }).split(' ')),
      ),
    ),
  ].filter((c) => HAN.test(c));
  const r = spawnSync('/usr/bin/python3', ['-c', SCRIPT, mode], {
    input: JSON.stringify(chunks),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`python3-jieba failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as string[];
  caches.set(mode, (cache = new Map(chunks.map((c, i) => [c, (out[i] as string).split(' ')]))));
  return cache;
}

function jiebaTokens(mode: Mode): (text: string) => string[] {
  const chunks = jiebaChunks(mode);
  return (text) =>
    cleanText(text, { accents: 'fold' })
      .split(' ')
      .flatMap((c) => {
        const words = chunks.get(c);
        if (words === undefined && HAN.test(c)) throw new Error(`no jieba words for "${c}"`);
        return words ?? [];
      });
}

type PinyinFn = (text: string, o: { toneType: 'none'; type: 'array' }) => string[];
let pinyinFn: PinyinFn | undefined;
function pinyin(): PinyinFn {
  if (pinyinFn === undefined) {
    const dir = process.env.PINYIN_PRO_DIR ?? '/tmp/research-pinyin/node_modules/pinyin-pro';
    pinyinFn = (createRequire(import.meta.url)(dir) as { pinyin: PinyinFn }).pinyin;
  }
  return pinyinFn;
}

/** Toneless syllables of the cleaned text's Han characters, one list per run of Han characters. */
function syllableRuns(text: string): string[][] {
  const runs: string[][] = [];
  for (const run of cleanText(text, { accents: 'fold' }).match(/\p{Script=Han}+/gu) ?? [])
    runs.push(pinyin()(run, { toneType: 'none', type: 'array' }));
  return runs;
}

function pinyinTokens(unigrams: boolean, bigrams: boolean): (text: string) => string[] {
  return (text) => {
    const out: string[] = [];
    for (const s of syllableRuns(text)) {
      if (unigrams) out.push(...s);
      if (bigrams) for (let i = 1; i < s.length; i++) out.push(`${s[i - 1]}_${s[i]}`);
    }
    return out;
  };
}

/** Each ICU word holding Han characters, spelt in toneless pinyin ("海棉" and "海绵" both "hai_mian"). */
function pinyinWords(text: string): string[] {
  return analyzeText(text)
    .filter((w) => HAN.test(w))
    .map((w) => pinyin()(w, { toneType: 'none', type: 'array' }).join('_'));
}

/** Char 3-grams over each run of Han characters. */
function charTrigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of cleanText(text, { accents: 'fold' }).match(/\p{Script=Han}+/gu) ?? []) {
    const cs = [...run];
    for (let i = 2; i < cs.length; i++) out.push(cs[i - 2]! + cs[i - 1]! + cs[i]!);
  }
  return out;
}

/** The app with a side block from `source` at `weight`. */
export function withSide(
  source: (text: string) => readonly string[],
  weight: number,
  options: Partial<IntentTrainOptions> = {},
): Candidate {
  return (fit, labels) => {
    const memo = new Map<string, readonly string[]>();
    const cached = (t: string) => {
      let v = memo.get(t);
      if (v === undefined) memo.set(t, (v = source(t)));
      return v;
    };
    setSideTokenSource(cached);
    try {
      const clf = trainIntentClassifier(fit, {
        ...options,
        vectorizer: { ...options.vectorizer, sideWeight: weight },
      });
      return (text) => {
        setSideTokenSource(cached);
        try {
          const out = new Float64Array(labels.length);
          out[labels.indexOf(clf.predict(text).intent)] = 1;
          return out;
        } finally {
          setSideTokenSource(undefined);
        }
      };
    } finally {
      setSideTokenSource(undefined);
    }
  };
}

/** The registry (`intent-cv.ts --only='app|sd+: ...'`). */
export function sideTokenCandidates(): Record<string, Candidate> {
  const lazy = (make: () => (t: string) => readonly string[]) => {
    let f: ((t: string) => readonly string[]) | undefined;
    return (t: string) => (f ??= make())(t);
  };
  const jieba = lazy(() => jiebaTokens('default'));
  const jiebaAll = lazy(() => jiebaTokens('all'));
  const jiebaSearch = lazy(() => jiebaTokens('search'));
  const jiebaPos = lazy(() => jiebaTokens('pos'));
  const posOnly = (t: string) => jiebaPos(t).map((p) => p.split('/')[0] as string);
  const out: Record<string, Candidate> = {};
  for (const w of [0.2, 0.35, 0.5, 0.7]) {
    out[`sb: jieba words beside ICU's w${w}`] = withSide(jieba, w);
    out[`sb: jieba full-cut words w${w}`] = withSide(jiebaAll, w);
    out[`sb: jieba search-cut words w${w}`] = withSide(jiebaSearch, w);
    out[`sb: pinyin syllables w${w}`] = withSide(pinyinTokens(true, false), w);
    out[`sb: pinyin syllable bigrams w${w}`] = withSide(pinyinTokens(false, true), w);
    out[`sb: pinyin syllables + bigrams w${w}`] = withSide(pinyinTokens(true, true), w);
    out[`sb: pinyin of ICU words w${w}`] = withSide(pinyinWords, w);
    out[`sb: char 3-grams w${w}`] = withSide(charTrigrams, w);
    out[`sb: jieba part-of-speech tags w${w}`] = withSide(posOnly, w);
    out[`sb: jieba part-of-speech tags with word length w${w}`] = withSide(jiebaPos, w);
  }
  return out;
}
