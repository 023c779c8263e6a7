// Character tables from input-method language models (input-method-models.ts), to compare with jieba's word list as
// the source of the app's outside character vectors: a character is described by the words that come before and
// after the words holding it (distributional), or, as for jieba, by the characters beside it inside words.
// Usage: tsx bench/research/lm-char-tables.ts --out=/tmp/dir [--only=name,name]
// Writes <name>.json (chars, dim, source) and <name>.f32 (rows) for lm-candidates.ts to read.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { createRng } from '@suite/shared/ml';
import { fitCharEmbeddings, type CharEmbeddingState } from '../../src/nlp/char-embeddings.ts';
import { flag, report } from '../intent-data.ts';
import { createCounts, ppmiSvd } from '../../src/nlp/sparse-ppmi-svd.ts';
import { getCorpusChars } from './gap-candidates.ts';
import {
  readLibimePredictions,
  readSunpinyinLexicon,
  readSunpinyinModel,
  type WordPairModel,
} from './input-method-models.ts';

const HAN = /\p{Script=Han}/u;

export interface NeighbourOptions {
  dim: number;
  /** Only pairs whose both words' unigram probability is at least this (0: all). */
  minUnigram: number;
  /** Weight of a character's own word's other characters (inside-word context, jieba's recipe), 0 for none. */
  inWord: number;
  /** Share a word's pair weight among its characters (1 / length) instead of giving each the whole. */
  perChar: boolean;
  /** Keep only the rows of the characters most used (unigram mass of the words holding them); 0 keeps all. */
  maxChars: number;
  /** Round rows to int8 as a shipped table would be (each row scaled to +-127), then back to unit length. */
  int8: boolean;
}

/**
 * Rows: the Han characters of the model's words. Contexts: the word before (left) and after (right) any word that
 * holds the character, weighted by the pair's joint weight; optionally the other characters of the same word.
 */
export function neighbourTable(m: WordPairModel, o: NeighbourOptions): CharEmbeddingState {
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
  const counts = createCounts(2 * W + C);
  for (const { left, right, p } of m.pairs) {
    if ((m.unigram[left] as number) < o.minUnigram || (m.unigram[right] as number) < o.minUnigram) continue;
    const a = charsOf[left] as number[];
    const b = charsOf[right] as number[];
    for (const c of a) counts.add(c, W + right, o.perChar ? p / a.length : p);
    for (const c of b) counts.add(c, left, o.perChar ? p / b.length : p);
  }
  if (o.inWord > 0) {
    // Each word once per unit of its unigram weight, scaled so the inside-word mass is `inWord` times the pairs'.
    let pairMass = 0;
    for (const { p } of m.pairs) pairMass += p;
    let wordMass = 0;
    charsOf.forEach((cs, w) => cs.length > 1 && (wordMass += (m.unigram[w] as number) * cs.length));
    const scale = (o.inWord * pairMass) / (wordMass || 1);
    charsOf.forEach((cs, w) => {
      for (let i = 0; i < cs.length; i++)
        for (let j = Math.max(0, i - 3); j <= Math.min(cs.length - 1, i + 3); j++)
          if (j !== i)
            counts.add(cs[i] as number, 2 * W + (cs[j] as number), (m.unigram[w] as number) * scale);
    });
  }
  const { dim, vectors } = ppmiSvd(counts, C, { dim: o.dim, smoothing: 0.75, passes: 4 }, createRng(7));
  const mass = new Float64Array(C);
  charsOf.forEach((cs, w) => cs.forEach((c) => (mass[c] = (mass[c] as number) + (m.unigram[w] as number))));
  const chars = [...charIndex.keys()];
  let keep = chars.map((_, i) => i).filter((i) => (mass[i] as number) > 0);
  if (o.maxChars > 0)
    keep = keep.sort((a, b) => (mass[b] as number) - (mass[a] as number)).slice(0, o.maxChars);
  keep.sort((a, b) => a - b);
  const out = new Float32Array(keep.length * dim);
  keep.forEach((r, n) => {
    const row = vectors.subarray(r * dim, (r + 1) * dim);
    out.set(o.int8 ? roundedInt8(row) : row, n * dim);
  });
  return { chars: keep.map((i) => chars[i]).join(''), dim, vectors: out };
}

/** A row as an int8 table stores it (largest magnitude at 127), back at unit length. */
export function roundedInt8(row: Float32Array): Float32Array {
  const max = Math.max(...row.map(Math.abs)) || 1;
  const q = row.map((v) => Math.round((v / max) * 127));
  const n = Math.hypot(...q) || 1;
  return q.map((v) => v / n);
}

/** jieba's recipe on another word list: PPMI of characters within 3 places inside each word of 2+ characters. */
export function wordListTable(words: readonly string[], dim = 32): CharEmbeddingState {
  const list = words.filter((w) => [...w].length >= 2);
  return fitCharEmbeddings(list, { dim, window: 3 }, createRng(7)).state;
}

/** A table's rows rounded as an int8 file stores them. */
export function int8Rows(s: CharEmbeddingState): CharEmbeddingState {
  const out = new Float32Array(s.vectors.length);
  for (let r = 0; r < out.length; r += s.dim) out.set(roundedInt8(s.vectors.subarray(r, r + s.dim)), r);
  return { ...s, vectors: out };
}

export function saveTable(dir: string, name: string, source: string, s: CharEmbeddingState): void {
  writeFileSync(`${dir}/${name}.json`, JSON.stringify({ name, source, dim: s.dim, chars: s.chars }));
  writeFileSync(
    `${dir}/${name}.f32`,
    new Uint8Array(s.vectors.buffer, s.vectors.byteOffset, s.vectors.byteLength),
  );
}

if (process.argv[1]?.endsWith('lm-char-tables.ts')) {
  const out = flag('out', '/tmp/lm-char-tables');
  const only = flag('only', '');
  mkdirSync(out, { recursive: true });
  const want = (name: string) => only === '' || only.split(',').includes(name);
  let sun: WordPairModel | undefined;
  let ime: WordPairModel | undefined;
  const base: NeighbourOptions = {
    dim: 32,
    minUnigram: 0,
    inWord: 0,
    perChar: false,
    maxChars: 0,
    int8: false,
  };
  const SUN = 'sunpinyin-data 0.1.22 (open-gram, CC BY-SA 3.0)';
  const IME = 'libime-data-language-model 1.0.16 (LGPL-2.1+)';
  const builds: Record<string, [string, () => CharEmbeddingState]> = {
    'sun-neighbours': [SUN, () => neighbourTable((sun ??= readSunpinyinModel()), base)],
    'sun-neighbours-k64': [SUN, () => neighbourTable((sun ??= readSunpinyinModel()), { ...base, dim: 64 })],
    'sun-neighbours-perchar': [
      SUN,
      () => neighbourTable((sun ??= readSunpinyinModel()), { ...base, perChar: true }),
    ],
    'sun-neighbours-inword': [
      SUN,
      () => neighbourTable((sun ??= readSunpinyinModel()), { ...base, inWord: 0.5 }),
    ],
    'sun-neighbours-8k-int8': [
      SUN,
      () => neighbourTable((sun ??= readSunpinyinModel()), { ...base, maxChars: 8000, int8: true }),
    ],
    'sun-neighbours-12k-int8': [
      SUN,
      () => neighbourTable((sun ??= readSunpinyinModel()), { ...base, maxChars: 12000, int8: true }),
    ],
    'sun-neighbours-12k': [
      SUN,
      () => neighbourTable((sun ??= readSunpinyinModel()), { ...base, maxChars: 12000 }),
    ],
    'jieba-int8': ['python3-jieba 0.42.1 dict.txt (MIT)', () => int8Rows(getCorpusChars().state)],
    'sun-lexicon-words': [SUN, () => wordListTable(readSunpinyinLexicon())],
    'ime-neighbours': [IME, () => neighbourTable((ime ??= readLibimePredictions()), base)],
    'ime-dict-words': [
      'libime-data 1.0.16 sc.dict (LGPL-2.1+)',
      () =>
        wordListTable(
          readFileSync(flag('sc-dict', '/tmp/smplm/sc.txt'), 'utf8')
            .split('\n')
            .map((l) => l.split(' ')[0] ?? ''),
        ),
    ],
  };
  for (const [name, [source, build]] of Object.entries(builds)) {
    if (!want(name)) continue;
    const c0 = process.cpuUsage();
    const s = build();
    const c1 = process.cpuUsage(c0);
    saveTable(out, name, source, s);
    report({
      table: name,
      chars: [...s.chars].length,
      dim: s.dim,
      cpuS: Number(((c1.user + c1.system) / 1e6).toFixed(2)),
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
  }
}
