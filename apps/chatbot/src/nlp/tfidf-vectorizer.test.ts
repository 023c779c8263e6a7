import { describe, expect, it } from 'vitest';
import { CHAR_FLAG, DEFAULT_NGRAMS, forEachNgram, type NgramOptions } from './ngram-hashes.ts';
import { createVectorizer, fitVectorizer } from './tfidf-vectorizer.ts';

const docs = [
  ['my', 'card', 'has', 'not', 'arrived'],
  ['where', 'is', 'my', 'card'],
  ['cancel', 'my', 'transfer'],
  ['cancel', 'the', 'transfer', 'please'],
];

describe('forEachNgram', () => {
  it('emits word unigrams and bigrams plus char 2-5 grams of the space-padded word', () => {
    const keys: number[] = [];
    forEachNgram(['ab', 'c'], DEFAULT_NGRAMS, (k) => keys.push(k));
    const words = keys.filter((k) => (k & CHAR_FLAG) === 0);
    const chars = keys.filter((k) => (k & CHAR_FLAG) !== 0);
    expect(words).toHaveLength(3); // ab, c, "ab c"
    // " ab ": 3 bigrams, 2 trigrams, 1 four-gram; " c ": 2 bigrams, 1 trigram
    expect(chars).toHaveLength(9);
  });

  it('takes char 1-2 grams across a run of Chinese words, not inside each segmented word', () => {
    const keys: number[] = [];
    forEachNgram(['我的', '卡'], DEFAULT_NGRAMS, (k) => keys.push(k));
    const chars = keys.filter((k) => (k & CHAR_FLAG) !== 0);
    // " 我的卡 ": unigrams 我 的 卡, bigrams " 我" 我的 的卡 "卡 "
    expect(chars).toHaveLength(7);
    const joined: number[] = [];
    forEachNgram(['我', '的卡'], DEFAULT_NGRAMS, (k) => joined.push(k));
    // Another cut of the same characters gives the same char n-grams: a segmenter's guess costs nothing there.
    expect(joined.filter((k) => (k & CHAR_FLAG) !== 0).sort()).toEqual([...chars].sort());
  });

  it('adds word pairs across a gap only when asked, one key per distance unless tied', () => {
    const wordKeys = (options: Partial<NgramOptions>, words = ['card', 'not', 'yet', 'arrived']) => {
      const keys: number[] = [];
      forEachNgram(words, { ...DEFAULT_NGRAMS, ...options }, (k) => keys.push(k));
      return keys.filter((k) => (k & CHAR_FLAG) === 0);
    };
    const plain = wordKeys({});
    expect(plain).toHaveLength(7); // 4 words, 3 bigrams
    expect(wordKeys({ wordGap: 0 })).toEqual(plain);
    // Gap 1: "card _ yet", "not _ arrived"; gap 2 adds "card _ _ arrived".
    expect(wordKeys({ wordGap: 1 })).toHaveLength(9);
    const two = wordKeys({ wordGap: 2 });
    expect(two).toHaveLength(10);
    expect(new Set(two).size).toBe(10);
    expect(two.filter((k) => !plain.includes(k))).toHaveLength(3);
    // Tied: "card x arrived" and "card not yet arrived" share the pair "card ... arrived" beside their two words.
    const shared = (options: Partial<NgramOptions>) => {
      const near = new Set(wordKeys(options, ['card', 'x', 'arrived']));
      return wordKeys(options).filter((k) => near.has(k)).length;
    };
    expect(shared({ wordGap: 2 })).toBe(2);
    expect(shared({ wordGap: 2, wordGapTied: true })).toBe(3);
  });
});

describe('fitVectorizer', () => {
  it('keeps only n-grams seen in at least minDf documents', () => {
    const strict = fitVectorizer(docs, { minDf: 2 });
    const loose = fitVectorizer(docs, { minDf: 1 });
    expect(strict.dim).toBeGreaterThan(0);
    expect(strict.dim).toBeLessThan(loose.dim);
  });

  it('produces unit-length vectors and nothing for unseen text', () => {
    const v = fitVectorizer(docs, { minDf: 1 });
    const x = v.transform(['my', 'card']);
    const norm = Math.sqrt(x.values.reduce((s, a) => s + a * a, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(v.transform(['zzzz']).indices.length).toBe(0);
  });

  it('gives the same vector after a rebuild from its state', () => {
    const v = fitVectorizer(docs, { minDf: 1 });
    const w = createVectorizer(v.state);
    expect(Array.from(w.transform(docs[0]!).values)).toEqual(Array.from(v.transform(docs[0]!).values));
  });

  it('weights rarer n-grams higher (idf)', () => {
    const v = fitVectorizer(docs, { minDf: 1, charMax: 1, charMin: 2 });
    const x = v.transform(['my', 'arrived']);
    const byIdf = Array.from(x.indices).map((c) => v.state.idf[c]!);
    expect(Math.max(...byIdf)).toBeGreaterThan(Math.min(...byIdf));
    // "arrived" (1 doc) outweighs "my" (3 docs)
    expect(Math.max(...Array.from(x.values))).toBeGreaterThan(Math.min(...Array.from(x.values)));
  });
});
