// Which Latin-script language a message's character n-grams read as, from a small committed profile of Nito-ELD's
// (npm eld, Apache-2.0) n-gram weights for a few Latin languages (latin-ngrams.json, scripts/build-latin-ngrams.ts).
import shipped from './latin-ngrams.json' with { type: 'json' };

/** A profile: per language its n-grams and weights, as eld scores them (bytes past ASCII written as `byteChars`). */
export interface LatinNgramProfile {
  source: string;
  license: string;
  /** Added to every weight of an n-gram a language has (eld subtracts it to shrink its database). */
  base: number;
  /** The character eld writes for each byte 0x80-0xff of a word's UTF-8. */
  byteChars: string;
  /** Per language, its n-grams as "ngram\tweight" lines, sorted. */
  languages: Record<string, string>;
}

/** Proposes the language a text reads as among the profile's, or undefined when no n-gram of it is known. */
export type LatinProposer = (text: string) => string | undefined;

// As eld splits words: any run of non-letters, except one ending in an apostrophe (don't, l'argent stay whole).
const SEPARATORS = /[^\p{L}]+(?<![\x27\x60\u2019])/gu;
const CUT_AFTER_BYTES = 350;

function encodeWords(text: string, byteChars: string): string[] {
  const clean = text.slice(0, 1000).replace(SEPARATORS, ' ').trim().toLowerCase();
  const words: string[] = [];
  let bytes = 0;
  for (const word of clean.split(' ')) {
    if (word === '' || bytes > CUT_AFTER_BYTES) continue;
    let encoded = '';
    for (const b of new TextEncoder().encode(word))
      encoded += b < 0x80 ? String.fromCharCode(b) : byteChars[b - 0x80];
    bytes += encoded.length + 1;
    words.push(encoded);
  }
  return words;
}

// eld's n-grams: 4 bytes with a stride of 3, the first marked by a leading space, the last by a trailing one.
function ngramsOf(words: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const word of words) {
    const len = Math.min(word.length, 70);
    let j = 0;
    for (; j + 4 < len; j += 3) out.add((j === 0 ? ' ' : '') + word.substring(j, j + 4));
    out.add((j === 0 ? ' ' : '') + word.substring(len !== 3 ? len - 4 : 0) + ' ');
  }
  return out;
}

// The weight of `gram` in a language's lines (sorted; "\t" sorts before every character an n-gram holds), or
// undefined. A binary search, so a cold instance only splits seven strings instead of filling a map of 14,000 n-grams
// (25-45 ms of CPU at start, measured).
function weightIn(lines: readonly string[], gram: string): number | undefined {
  const target = `${gram}\t`;
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  const line = lines[lo];
  return line?.startsWith(target) === true ? Number(line.slice(target.length)) : undefined;
}

/**
 * A proposer scoring a text as eld does (each distinct n-gram adds its weight plus `base` to every language that has
 * it; the highest sum wins), among the profile's languages only.
 *
 * @example createLatinProposer(profile)("Ma carte n'est toujours pas arrivée") // "fr"
 */
export function createLatinProposer(profile: LatinNgramProfile): LatinProposer {
  const codes = Object.keys(profile.languages);
  const lines = codes.map((code) => (profile.languages[code] ?? '').split('\n'));
  return (text) => {
    const grams = ngramsOf(encodeWords(text, profile.byteChars));
    let best: string | undefined;
    let bestScore = 0;
    codes.forEach((code, i) => {
      let score = 0;
      for (const gram of grams) {
        const w = weightIn(lines[i]!, gram);
        if (w !== undefined) score += w + profile.base;
      }
      if (score > bestScore) [best, bestScore] = [code, score];
    });
    return best;
  };
}

let proposer: LatinProposer | undefined;

/** The shipped profile's proposer, built on first use (seven string splits) and kept for the instance's life. */
export function getLatinProposer(): LatinProposer {
  proposer ??= createLatinProposer(shipped as LatinNgramProfile);
  return proposer;
}
