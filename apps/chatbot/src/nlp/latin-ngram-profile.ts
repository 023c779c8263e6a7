// Which Latin-script language a message's character n-grams read as, from a small committed profile of Nito-ELD's
// (npm eld, Apache-2.0) n-gram weights for its Latin-script languages (latin-ngrams.json, scripts/build-latin-ngrams.ts).
import shipped from './latin-ngrams.json' with { type: 'json' };

/** A profile: eld's n-grams with their weights per language, as eld scores them (bytes past ASCII as `byteChars`). */
export interface LatinNgramProfile {
  source: string;
  license: string;
  /** Added to every weight of an n-gram a language has (eld subtracts it to shrink its database). */
  base: number;
  /** The character eld writes for each byte 0x80-0xff of a word's UTF-8. */
  byteChars: string;
  /** The profile's languages; an n-gram names each by its index, one base-36 digit. */
  languages: string[];
  /** How many of each language's heaviest n-grams the profile holds. */
  top: Record<string, number>;
  /** "ngram\tLweight,Lweight" lines (L: a language's index), sorted, one per n-gram any language holds. */
  ngrams: string;
}

/** Proposes the language a text reads as among the profile's, or undefined when no n-gram of it is known. */
export type LatinProposer = (text: string) => string | undefined;

// As eld splits words: any run of non-letters, except one ending in an apostrophe (don't, l'argent stay whole).
const SEPARATORS = /[^\p{L}]+(?<![\x27\x60\u2019])/gu;
const CUT_AFTER_BYTES = 350;
const encoder = new TextEncoder();

function encodeWords(text: string, byteChars: string): string[] {
  const clean = text.slice(0, 1000).replace(SEPARATORS, ' ').trim().toLowerCase();
  const words: string[] = [];
  let bytes = 0;
  for (const word of clean.split(' ')) {
    if (word === '' || bytes > CUT_AFTER_BYTES) continue;
    let encoded = '';
    for (const b of encoder.encode(word)) encoded += b < 0x80 ? String.fromCharCode(b) : byteChars[b - 0x80];
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

// The line of `gram` in the sorted lines ("\t" sorts before every character an n-gram holds), or undefined. A binary
// search, so a cold instance only splits one string instead of filling a map of every n-gram (25-45 ms of CPU for
// 14,000 of them at start, measured 1 Dec).
function lineOf(lines: readonly string[], gram: string): string | undefined {
  const target = `${gram}\t`;
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  const line = lines[lo];
  return line?.startsWith(target) === true ? line.slice(target.length) : undefined;
}

/** A text's score in each of the profile's languages (`languages[i]` scores `score(text)[i]`), as eld sums them. */
export interface LatinScorer {
  languages: readonly string[];
  score: (text: string) => Float64Array;
}

/**
 * Scores a text as eld does: each distinct n-gram adds its weight plus `base` to every language that has it.
 *
 * @example createLatinScorer(profile).score('ho cambiato indirizzo') // the highest at languages.indexOf('it')
 */
export function createLatinScorer(profile: LatinNgramProfile): LatinScorer {
  const { languages, base, byteChars } = profile;
  const lines = profile.ngrams.split('\n');
  return {
    languages,
    score: (text) => {
      const scores = new Float64Array(languages.length);
      for (const gram of ngramsOf(encodeWords(text, byteChars))) {
        const weights = lineOf(lines, gram);
        if (weights === undefined) continue;
        for (const entry of weights.split(','))
          scores[parseInt(entry[0]!, 36)]! += Number(entry.slice(1)) + base;
      }
      return scores;
    },
  };
}

/**
 * A proposer scoring a text as eld does (`createLatinScorer`; the highest sum wins), among the profile's languages
 * only.
 *
 * @example createLatinProposer(profile)("Ma carte n'est toujours pas arrivée") // "fr"
 */
export function createLatinProposer(profile: LatinNgramProfile): LatinProposer {
  const { languages, score } = createLatinScorer(profile);
  return (text) => {
    const scores = score(text);
    let best = -1;
    for (let i = 0; i < scores.length; i++)
      if (scores[i]! > 0 && (best < 0 || scores[i]! > scores[best]!)) best = i;
    return best < 0 ? undefined : languages[best];
  };
}

let proposer: LatinProposer | undefined;
let scorer: LatinScorer | undefined;

/** The shipped profile's proposer, built on first use (one string split) and kept for the instance's life. */
export function getLatinProposer(): LatinProposer {
  proposer ??= createLatinProposer(shipped as LatinNgramProfile);
  return proposer;
}

/** The shipped profile's scorer, built on first use and kept for the instance's life. */
export function getLatinScorer(): LatinScorer {
  scorer ??= createLatinScorer(shipped as LatinNgramProfile);
  return scorer;
}
