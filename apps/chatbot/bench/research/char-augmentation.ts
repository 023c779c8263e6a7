// Research only (the app does not use it: on SMP2018 it cost 0.35-0.87 points, bench/RESULTS.md, 1 Dec 2026).
// Training-time augmentation for scripts written without spaces, on the raw text: drop a character, replace one by a
// near neighbour in a character table, swap two neighbouring words. The word-level augmenter's synonyms and cuts
// do not reach inside an unsegmented Chinese message; these do.
import type { Rng } from '@suite/shared/ml';
import type { CharEmbeddings } from '../../src/nlp/char-embeddings.ts';

export interface CharAugmentOptions {
  /** Variants per message; 0 turns the augmentation off. */
  variants: number;
  /** Probability that a letter is dropped (never all of them). */
  dropProbability: number;
  /** Probability that a letter is replaced by one of its `neighbours` nearest characters in the table. */
  neighbourProbability: number;
  /** How many nearest characters (among the training texts' own) a replacement draws from. */
  neighbours: number;
  /** Probability that two neighbouring words (ICU's segmenter) trade places. */
  swapProbability: number;
  /** Training weight of a variant relative to a real message (below 1: the calibration reads weight 1 as real). */
  weight: number;
}

export const DEFAULT_CHAR_AUGMENT: CharAugmentOptions = Object.freeze({
  variants: 1,
  dropProbability: 0.1,
  neighbourProbability: 0.1,
  neighbours: 3,
  swapProbability: 0,
  weight: 0.5,
});

const LETTER = /[\p{L}\p{N}]/u;
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/**
 * Nearest characters (cosine in `table`) of every character of `texts` the table knows, among those characters only:
 * a replacement stays inside the training set's repertoire, so it lands on columns the model has.
 */
export function nearestCharacters(
  texts: readonly string[],
  table: CharEmbeddings,
  k: number,
): Map<string, string[]> {
  const chars = [...new Set(texts.flatMap((t) => [...t.normalize('NFKC').toLowerCase()]))].filter(
    (c) => LETTER.test(c) && table.vector(c) !== undefined,
  );
  const rows = chars.map((c) => table.vector(c) as Float32Array);
  const dim = table.dim;
  const out = new Map<string, string[]>();
  const sims = new Float64Array(chars.length);
  rows.forEach((a, i) => {
    for (let j = 0; j < rows.length; j++) {
      const b = rows[j] as Float32Array;
      let s = 0;
      for (let c = 0; c < dim; c++) s += (a[c] as number) * (b[c] as number);
      sims[j] = j === i ? -Infinity : s;
    }
    const best: number[] = [];
    for (let j = 0; j < rows.length; j++) {
      if (best.length === k && (sims[j] as number) <= (sims[best[k - 1] as number] as number)) continue;
      let at = Math.min(best.length, k - 1);
      while (at > 0 && (sims[best[at - 1] as number] as number) < (sims[j] as number)) at--;
      best.splice(at, 0, j);
      if (best.length > k) best.pop();
    }
    out.set(
      chars[i] as string,
      best.map((j) => chars[j] as string),
    );
  });
  return out;
}

/** Variants of a message, every choice drawn from `rng`; none equal to the message itself. */
export function createCharAugmenter(
  neighbours: Map<string, string[]> | undefined,
  rng: Rng,
  options: Partial<CharAugmentOptions> = {},
): (text: string) => string[] {
  const o: CharAugmentOptions = { ...DEFAULT_CHAR_AUGMENT, ...options };
  function variant(text: string): string {
    let parts = [...segmenter.segment(text.normalize('NFKC').toLowerCase())].map((s) => s.segment);
    for (let i = 0; i + 1 < parts.length; i++) {
      if (o.swapProbability > 0 && LETTER.test(parts[i] as string) && LETTER.test(parts[i + 1] as string))
        if (rng.next() < o.swapProbability) {
          parts = [...parts.slice(0, i), parts[i + 1] as string, parts[i] as string, ...parts.slice(i + 2)];
          i++;
        }
    }
    const chars = [...parts.join('')];
    const letters = chars.filter((c) => LETTER.test(c)).length;
    let dropped = 0;
    const out: string[] = [];
    for (const c of chars) {
      if (!LETTER.test(c)) {
        out.push(c);
        continue;
      }
      const r = rng.next();
      if (r < o.dropProbability && dropped + 1 < letters) {
        dropped++;
        continue;
      }
      const near = neighbours?.get(c);
      if (near !== undefined && near.length > 0 && r < o.dropProbability + o.neighbourProbability)
        out.push(near[rng.nextInt(near.length)] as string);
      else out.push(c);
    }
    return out.join('');
  }
  return (text) => {
    const seen = new Set([text.normalize('NFKC').toLowerCase()]);
    const out: string[] = [];
    for (let attempt = 0; attempt < o.variants * 3 && out.length < o.variants; attempt++) {
      const v = variant(text);
      if (!seen.has(v)) {
        seen.add(v);
        out.push(v);
      }
    }
    return out;
  };
}
