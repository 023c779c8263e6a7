// Word vectors from WordNet alone (issue 11): each single-word lemma against its synsets, their hypernyms and
// neighbours, and the words of their glosses, weighted by sense rank -> PPMI -> truncated SVD (the app's
// src/nlp/sparse-ppmi-svd.ts). The English counterpart of the Chinese character table; no corpus, no training text.
import { createRng } from '@suite/shared/ml';
import { createCounts, ppmiSvd } from '../../src/nlp/sparse-ppmi-svd.ts';
import { createMorphyLemmatiser, type WordNet } from './wordnet-data.ts';

export interface WordNetVectorOptions {
  dim: number;
  /** Weight of a pointed-to synset (hypernym, similar, derivation...) relative to the sense's own synset. */
  related: number;
  /** Weight of each content word of a sense's gloss. */
  gloss: number;
  /** Weight of a multi-word lemma's synset for each of its words (`debit_card` -> debit, card). */
  compound: number;
  /** Lemmas with fewer sense-tagged occurrences (all parts of speech) get no row. */
  minTagCount: number;
  seed: number;
}

export const DEFAULT_WORDNET_VECTORS: WordNetVectorOptions = Object.freeze({
  dim: 64,
  related: 0.5,
  gloss: 0.3,
  compound: 0.5,
  minTagCount: 0,
  seed: 1,
});

/** Pointers whose target says what a sense means: hypernyms (also instance), similar-to, derivation, also-see. */
const RELATED = new Set(['@', '@i', '&', '+', '^', '\\', '=']);
const WORD = /^[a-z]+$/;

/** Lemma -> row vectors (row-major, unit length), plus the lemmatiser that maps a message's words onto them. */
export interface WordVectors {
  words: string[];
  dim: number;
  vectors: Float32Array;
  row: Map<string, number>;
}

export function fitWordNetVectors(wn: WordNet, options: Partial<WordNetVectorOptions> = {}): WordVectors {
  const o: WordNetVectorOptions = { ...DEFAULT_WORDNET_VECTORS, ...options };
  const lemma = createMorphyLemmatiser(wn);
  const row = new Map<string, number>();
  for (const [w, byPos] of wn.index) {
    if (!WORD.test(w)) continue;
    let tags = 0;
    for (const e of byPos.values()) tags += e.tagCount;
    if (tags >= o.minTagCount) row.set(w, row.size);
  }
  const synsetId = new Map<string, number>();
  for (const key of wn.synsets.keys()) synsetId.set(key, synsetId.size);
  // Gloss words live after the synsets in the context space.
  const glossId = new Map<string, number>();
  for (const w of row.keys()) glossId.set(w, synsetId.size + glossId.size);
  const counts = createCounts(synsetId.size + glossId.size);
  const glossWords = new Map<string, number[]>();
  const glossOf = (key: string) => {
    let ids = glossWords.get(key);
    if (ids !== undefined) return ids;
    const text = (wn.synsets.get(key)?.gloss ?? '').split(';')[0]!.toLowerCase();
    ids = [...new Set(text.match(/[a-z]+/g) ?? [])]
      .map((w) => glossId.get(lemma(w)))
      .filter((i): i is number => i !== undefined);
    glossWords.set(key, ids);
    return ids;
  };
  const addSense = (r: number, key: string, w: number) => {
    counts.add(r, synsetId.get(key) as number, w);
    const s = wn.synsets.get(key);
    for (const p of s?.pointers ?? [])
      if (RELATED.has(p.symbol)) counts.add(r, synsetId.get(p.key) as number, w * o.related);
    for (const g of glossOf(key)) counts.add(r, g, w * o.gloss);
  };
  for (const [w, byPos] of wn.index) {
    const parts = w.split(/[_-]/).filter((p) => row.has(p));
    const own = row.get(w);
    for (const e of byPos.values())
      e.synsets.forEach((key, rank) => {
        const weight = 1 / (rank + 1);
        if (own !== undefined) addSense(own, key, weight);
        else if (parts.length > 1)
          for (const p of parts)
            counts.add(row.get(p) as number, synsetId.get(key) as number, weight * o.compound);
      });
  }
  const { dim, vectors } = ppmiSvd(
    counts,
    row.size,
    { dim: o.dim, smoothing: 0.75, passes: 4 },
    createRng(o.seed),
  );
  return { words: [...row.keys()], dim, vectors, row };
}

/** English function words: WordNet has entries for some (`can`, `will`, `i` as iodine) that are not what they mean. */
export const FUNCTION_WORDS = new Set(
  (
    'a an the i me my mine we us our you your he him his she her it its they them their this that these those ' +
    'is am are was were be been being do does did have has had can could will would shall should may might must ' +
    'to of in on at by for with from up down out off over under about as into than then so if or and but not no ' +
    'what which who whom whose when where why how there here any some all each every just also too very still yet'
  ).split(' '),
);

/** A message's block: the mean of its content words' vectors (lemmatised when the form has none), unit length. */
export function createWordNetBlock(
  v: WordVectors,
  lemmatise: (word: string) => string,
): (words: readonly string[]) => Float32Array {
  const { dim, vectors } = v;
  return (words) => {
    const sum = new Float64Array(dim);
    for (const w of words) {
      if (FUNCTION_WORDS.has(w)) continue;
      const r = v.row.get(lemmatise(w)) ?? v.row.get(w);
      if (r === undefined) continue;
      for (let c = 0; c < dim; c++) sum[c] = (sum[c] as number) + (vectors[r * dim + c] as number);
    }
    let n = 0;
    for (let c = 0; c < dim; c++) n += (sum[c] as number) ** 2;
    n = Math.sqrt(n) || 1;
    return Float32Array.from(sum, (x) => x / n);
  };
}

/** The nearest rows to a word by cosine (a sanity check of the vectors). */
export function nearestWords(v: WordVectors, word: string, n = 8): string[] {
  const r = v.row.get(word);
  if (r === undefined) return [];
  const sims = v.words.map((w, i) => {
    let s = 0;
    for (let c = 0; c < v.dim; c++)
      s += (v.vectors[r * v.dim + c] as number) * (v.vectors[i * v.dim + c] as number);
    return [s, w] as const;
  });
  return sims
    .sort((a, b) => b[0] - a[0])
    .slice(1, n + 1)
    .map(([, w]) => w);
}
