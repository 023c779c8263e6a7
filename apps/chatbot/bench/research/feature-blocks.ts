// Research only: extra feature blocks beside the app's TF-IDF (char skip-bigrams, word pairs, position tokens),
// each with its own vocabulary, idf, sublinear tf and L2 norm and a weight, concatenated after the app's block.
import { classifierTokens } from '../../src/nlp/classifier-tokens.ts';
import { cleanText } from '../../src/nlp/text-cleaning.ts';
import { fitVectorizer, type SparseVector, type VectorizerOptions } from '../../src/nlp/tfidf-vectorizer.ts';

/** A message as the blocks see it: the app's tokens (with punctuation) and its cleaned characters (no spaces). */
export interface Message {
  tokens: string[];
  words: string[];
  chars: string;
}

export function toMessage(text: string): Message {
  const tokens = classifierTokens(text, { punctuation: true });
  const words = tokens.filter((t) => t.charCodeAt(0) > 4);
  return { tokens, words, chars: cleanText(text).replaceAll(' ', '') };
}

/** Named string features of a message. */
export type Block = (m: Message) => string[];

/** Char pairs with `gap` characters between them ("播放X" -> "播_X" at gap 1), over the padded message. */
export function skipBigrams(gap: number): Block {
  return (m) => {
    const s = `^${m.chars}$`;
    const out: string[] = [];
    for (let i = 0; i + gap + 1 < s.length; i++) out.push(`${s[i]}_${gap}_${s[i + gap + 1]}`);
    return out;
  };
}

/** Char n-grams of one length over the padded message. */
export function charGrams(n: number): Block {
  return (m) => {
    const s = `^${m.chars}$`;
    const out: string[] = [];
    for (let i = 0; i + n <= s.length; i++) out.push(s.slice(i, i + n));
    return out;
  };
}

/** Word pairs with one word between them, and (when `all`) every unordered pair of words in the message. */
export function wordPairs(all: boolean): Block {
  return (m) => {
    const w = m.words;
    const out: string[] = [];
    for (let i = 0; i + 2 < w.length; i++) out.push(`${w[i]}|${w[i + 2]}`);
    if (all)
      for (let i = 0; i < w.length; i++) for (let j = i + 3; j < w.length; j++) out.push(`${w[i]}&${w[j]}`);
    return out;
  };
}

/** Where the message starts and ends: first and last word, first and last one and two characters. */
export const positions: Block = (m) => {
  const w = m.words;
  const c = m.chars;
  if (c.length === 0) return [];
  return [
    `fw:${w[0] ?? ''}`,
    `lw:${w.at(-1) ?? ''}`,
    `f1:${c.slice(0, 1)}`,
    `f2:${c.slice(0, 2)}`,
    `l1:${c.slice(-1)}`,
    `l2:${c.slice(-2)}`,
    `f3:${c.slice(0, 3)}`,
  ];
};

/** Word unigrams (`n` = 1) or bigrams (`n` = 2) of the segmenter's words. */
export function wordGrams(n: number): Block {
  return (m) => {
    const w = m.words;
    const out: string[] = [];
    for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
    return out;
  };
}

/** The punctuation tokens of the app (`punctuationTokens`). */
export const punctuationBlock: Block = (m) => m.tokens.filter((t) => t.charCodeAt(0) <= 4);

/** Several blocks normalised as one (their features kept apart by the block's position). */
export function union(...blocks: Block[]): Block {
  return (m) => blocks.flatMap((b, i) => b(m).map((f) => `${i}\u0002${f}`));
}

/** Message length in characters, binned. */
export const lengthBin: Block = (m) => [`len:${Math.min(12, Math.round(2 * Math.log2(1 + m.chars.length)))}`];

export interface BlockSpec {
  block: Block;
  weight: number;
}

export interface FeatureOptions {
  base: Partial<VectorizerOptions>;
  /** Weight of the app's block. */
  baseWeight: number;
  blocks: BlockSpec[];
  /** Min document frequency in the extra blocks. */
  minDf: number;
  /** `log`: 1 + ln tf (the app's); `binary`: 1. */
  tf: 'log' | 'binary';
  /** Renormalise the whole vector to unit length after weighting the blocks (the app does). */
  renormalise: boolean;
}

export const APP_FEATURES: FeatureOptions = {
  base: { minDf: 1, wordWeight: 0.7, punctuation: true },
  baseWeight: 1,
  blocks: [],
  minDf: 1,
  tf: 'log',
  renormalise: true,
};

export interface Featurizer {
  dim: number;
  transform(m: Message): SparseVector;
}

/** Fits the app's vectorizer and every extra block's vocabulary and idf on the training messages. */
export function fitFeatures(msgs: readonly Message[], o: FeatureOptions): Featurizer {
  const base = fitVectorizer(
    msgs.map((m) => m.tokens),
    o.base,
  );
  const n = msgs.length;
  const vocabs = o.blocks.map((spec) => {
    const df = new Map<string, number>();
    for (const m of msgs) for (const f of new Set(spec.block(m))) df.set(f, (df.get(f) ?? 0) + 1);
    const col = new Map<string, number>();
    const idf: number[] = [];
    for (const [f, c] of df) {
      if (c < o.minDf) continue;
      col.set(f, idf.length);
      idf.push(Math.log((1 + n) / (1 + c)) + 1);
    }
    return { col, idf };
  });
  const offsets: number[] = [];
  let dim = base.dim;
  for (const v of vocabs) {
    offsets.push(dim);
    dim += v.idf.length;
  }
  return {
    dim,
    transform(m) {
      const x0 = o.baseWeight > 0 ? base.transform(m.tokens) : { indices: [], values: [] };
      const indices: number[] = Array.from(x0.indices);
      const values: number[] = Array.from(x0.values, (v) => v * o.baseWeight);
      o.blocks.forEach((spec, b) => {
        const { col, idf } = vocabs[b] as (typeof vocabs)[number];
        const counts = new Map<number, number>();
        for (const f of spec.block(m)) {
          const c = col.get(f);
          if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
        }
        let norm = 0;
        const vals: [number, number][] = [];
        for (const [c, tf] of counts) {
          const v = (o.tf === 'log' ? 1 + Math.log(tf) : 1) * (idf[c] as number);
          vals.push([c, v]);
          norm += v * v;
        }
        const scale = norm > 0 ? spec.weight / Math.sqrt(norm) : 0;
        for (const [c, v] of vals) {
          indices.push((offsets[b] as number) + c);
          values.push(v * scale);
        }
      });
      let total = 0;
      for (const v of values) total += v * v;
      const s = o.renormalise && total > 0 ? 1 / Math.sqrt(total) : 1;
      return { indices: Int32Array.from(indices), values: Float32Array.from(values, (v) => v * s) };
    },
  };
}
