import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { createCharEmbeddings, fitCharEmbeddings } from './char-embeddings.ts';

// 歌 and 曲 share their contexts (放一首_吧), 菜 lives among cooking words: only the first pair should be close.
const TEXTS = [
  ...['放一首歌吧', '唱一首歌', '来一首歌听听', '放一首曲吧', '唱一首曲', '来一首曲听听'],
  ...['红烧菜怎么做', '炒菜放多少盐', '凉拌菜的做法', '今天天气怎么样', '明天天气好吗'],
];
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('fitCharEmbeddings', () => {
  it('puts characters that share contexts closer than characters that do not', () => {
    const e = fitCharEmbeddings(TEXTS, { dim: 4 }, createRng(1));
    const v = (ch: string) => e.vector(ch) as Float32Array;
    expect(cosine(v('歌'), v('曲'))).toBeGreaterThan(cosine(v('歌'), v('菜')) + 0.2);
  });

  it('learns one unit-length row per letter or digit seen, and nothing for punctuation or spaces', () => {
    const e = fitCharEmbeddings(['放一首歌吧！', 'Ｖ卡 2'], { dim: 3 }, createRng(1));
    // NFKC and lower case first: the full-width Ｖ is "v".
    expect(e.state.chars).toBe('放一首歌吧v卡2');
    expect(e.state.vectors).toHaveLength(8 * 3);
    for (const ch of e.state.chars) expect(Math.hypot(...(e.vector(ch) as Float32Array))).toBeCloseTo(1, 5);
    expect(e.vector('！')).toBeUndefined();
  });

  it('repeats exactly for a seed', () => {
    const a = fitCharEmbeddings(TEXTS, { dim: 4 }, createRng(7));
    const b = fitCharEmbeddings(TEXTS, { dim: 4 }, createRng(7));
    expect(b.state).toEqual(a.state);
  });

  it('keeps no more directions than there are characters', () => {
    expect(fitCharEmbeddings(['天气'], { dim: 32 }, createRng(1)).dim).toBe(2);
    expect(fitCharEmbeddings(['!?'], { dim: 32 }, createRng(1)).dim).toBe(0);
  });
});

describe('char embeddings of a message', () => {
  it('are the unit mean of its known characters, zeros when none is known', () => {
    const e = fitCharEmbeddings(TEXTS, { dim: 4 }, createRng(1));
    const m = e.embed('放歌 xyz');
    expect(Math.hypot(...m)).toBeCloseTo(1, 5);
    const mean = [0, 1, 2, 3].map((c) => (e.vector('放')![c] as number) + (e.vector('歌')![c] as number));
    expect(cosine(m, Float32Array.from(mean)) / Math.hypot(...mean)).toBeCloseTo(1, 5);
    expect([...e.embed('xyz')]).toEqual([0, 0, 0, 0]);
  });

  it('come out the same from the state alone (what an artifact stores)', () => {
    const e = fitCharEmbeddings(TEXTS, { dim: 4 }, createRng(1));
    const copy = createCharEmbeddings({ ...e.state, vectors: Float32Array.from(e.state.vectors) });
    expect(copy.embed('来一首歌')).toEqual(e.embed('来一首歌'));
    expect(() => createCharEmbeddings({ ...e.state, dim: 5 })).toThrow(/characters/);
  });
});
