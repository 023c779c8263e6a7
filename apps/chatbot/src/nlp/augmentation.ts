// Training-time augmentation of utterances: synonym swap, random deletion and insertion, local word-order noise.
import type { Rng } from '@suite/shared/ml';
import { createSynonymIndex } from './synonyms.ts';

export interface AugmentOptions {
  /** New variants generated per utterance; default 2. */
  variantsPerUtterance: number;
  /** Probability that a matching phrase is replaced by a synonym; default 0.3. */
  swapProbability: number;
  /** Probability that a word is dropped (never the last one left); default 0.1. */
  deleteProbability: number;
  /** Probability that a synonym of a word in the sentence is inserted at a random place; default 0.1 per word. */
  insertProbability: number;
  /** Probability that two neighbouring words trade places; default 0.1 per position. */
  swapOrderProbability: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = Object.freeze({
  variantsPerUtterance: 2,
  swapProbability: 0.3,
  deleteProbability: 0.1,
  insertProbability: 0.1,
  swapOrderProbability: 0.1,
});

/** Longest phrase in the synonym table, in words. */
const MAX_PHRASE_WORDS = 4;

export interface Augmenter {
  /** One variant of a tokenised, cleaned utterance. */
  variant(tokens: readonly string[]): string[];
  /** `variantsPerUtterance` distinct variants (fewer when the sentence allows fewer), never the input itself. */
  variants(tokens: readonly string[]): string[][];
}

/**
 * An augmenter drawing every choice from `rng`, so a seed gives the same variants each run.
 *
 * @example createAugmenter(createRng(7)).variant(['my', 'card', 'has', 'not', 'arrived'])
 */
export function createAugmenter(rng: Rng, options: Partial<AugmentOptions> = {}): Augmenter {
  const o: AugmentOptions = { ...DEFAULT_AUGMENT, ...options };
  const synonyms = createSynonymIndex();

  function swapSynonyms(tokens: readonly string[]): string[] {
    const out: string[] = [];
    let i = 0;
    while (i < tokens.length) {
      let replaced = false;
      // Longest match first, so "top up" wins over "top".
      for (let len = Math.min(MAX_PHRASE_WORDS, tokens.length - i); len >= 1 && !replaced; len--) {
        const phrase = tokens.slice(i, i + len).join(' ');
        const alternatives = synonyms.get(phrase);
        if (alternatives === undefined) continue;
        if (rng.next() < o.swapProbability) {
          out.push(...(alternatives[rng.nextInt(alternatives.length)] as string).split(' '));
        } else {
          out.push(...tokens.slice(i, i + len));
        }
        i += len;
        replaced = true;
      }
      if (!replaced) out.push(tokens[i++] as string);
    }
    return out;
  }

  function variant(tokens: readonly string[]): string[] {
    let words = swapSynonyms(tokens);
    words = words.filter(() => rng.next() >= o.deleteProbability);
    if (words.length === 0 && tokens.length > 0) words = [tokens[rng.nextInt(tokens.length)] as string];
    const inserts = words.filter((w) => synonyms.has(w) && rng.next() < o.insertProbability);
    for (const w of inserts) {
      const alternatives = synonyms.get(w) as string[];
      words.splice(
        rng.nextInt(words.length + 1),
        0,
        ...(alternatives[rng.nextInt(alternatives.length)] as string).split(' '),
      );
    }
    for (let i = 0; i + 1 < words.length; i++) {
      if (rng.next() < o.swapOrderProbability) {
        const tmp = words[i] as string;
        words[i] = words[i + 1] as string;
        words[i + 1] = tmp;
        i++; // a word moves at most one place
      }
    }
    return words;
  }

  return {
    variant,
    variants(tokens) {
      const original = tokens.join(' ');
      const seen = new Set<string>([original]);
      const out: string[][] = [];
      // A few extra attempts: short sentences often come back unchanged.
      for (
        let attempt = 0;
        attempt < o.variantsPerUtterance * 3 && out.length < o.variantsPerUtterance;
        attempt++
      ) {
        const v = variant(tokens);
        const key = v.join(' ');
        if (!seen.has(key)) {
          seen.add(key);
          out.push(v);
        }
      }
      return out;
    },
  };
}
