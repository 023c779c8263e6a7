import { describe, expect, it } from 'vitest';
import { createRng } from '@suite/shared/ml';
import { embedMessage, fitCharEmbeddings } from './char-embeddings.ts';

// 歌 and 曲 share their contexts (放一首_吧), 菜 lives among cooking words: only the first pair should be close.
const TEXTS = [
  ...['放一首歌吧', '唱一首歌', '来一首歌听听', '放一首曲吧', '唱一首曲', '来一首曲听听'],
  ...['红烧菜怎么做', '炒菜放多少盐', '凉拌菜的做法', '今天天气怎么样', '明天天气好吗'],
];
const cosine = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe('fitCharEmbeddings', () => {
  it('puts characters that share contexts closer than characters that do not', () => {
    const e = fitCharEmbeddings(TEXTS, 4, 2, createRng(1));
    const v = (ch: string) => e.vectors.get(ch) as Float64Array;
    expect(cosine(v('歌'), v('曲'))).toBeGreaterThan(cosine(v('歌'), v('菜')) + 0.2);
  });

  it('embeds a message as the unit mean of its known characters, zeros when none is known', () => {
    const e = fitCharEmbeddings(TEXTS, 4, 2, createRng(1));
    const m = embedMessage(e, '放歌 xyz');
    expect(Math.hypot(...m)).toBeCloseTo(1, 5);
    expect([...embedMessage(e, 'xyz')]).toEqual([0, 0, 0, 0]);
  });
});
