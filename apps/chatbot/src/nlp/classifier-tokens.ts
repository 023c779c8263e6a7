// The tokens the intent classifier sees: the cleaned words, plus the message's punctuation when asked for.

import { createLookupMatcher, type LookupMatcher, type LookupTables } from './lookup-tables.ts';
import { analyzeText, type AccentMode } from './text-cleaning.ts';

const PUNCTUATION_RE = /[\p{P}\p{S}]/gu;
const IS_PUNCTUATION_RE = /^[\p{P}\p{S}]$/u;
// Control characters cannot survive cleaning, so these prefixes never collide with a word.
const MARK = '\u0003';
const END = '\u0004';

/**
 * Punctuation and symbols cleaning drops, as tokens: each distinct mark once, and the mark that ends the message
 * (or none). "？" and "?" are one mark after NFKC. A question mark, or a poem's closing "。", says something about
 * the intent that the words alone do not.
 *
 * @example punctuationTokens("怎么做红烧肉？") // ["\u0003?", "\u0004?"]
 */
export function punctuationTokens(text: string): string[] {
  const raw = text.normalize('NFKC').trim();
  const marks = [...new Set(raw.match(PUNCTUATION_RE) ?? [])].map((m) => `${MARK}${m}`);
  const last = raw.at(-1) ?? '';
  marks.push(IS_PUNCTUATION_RE.test(last) ? `${END}${last}` : `${END}none`);
  return marks;
}

export interface ClassifierTokenOptions {
  accents?: AccentMode;
  /** Append {@link punctuationTokens}; default false (artifacts trained before the option existed). */
  punctuation?: boolean;
  /** Append the lookup tables' tokens ({@link LookupMatcher}); absent: none. */
  lookup?: LookupMatcher;
}

/** What tokenising needs from the vectorizer's options (a trained artifact's included): its matcher compiled once. */
export function tokenOptionsOf(options: {
  accents?: AccentMode;
  punctuation?: boolean;
  lookupTables?: LookupTables;
}): ClassifierTokenOptions {
  const tables = options.lookupTables;
  return {
    accents: options.accents ?? 'fold',
    punctuation: options.punctuation ?? false,
    ...(tables === undefined || Object.keys(tables).length === 0
      ? {}
      : { lookup: createLookupMatcher(tables) }),
  };
}

/** Cleaned words of a message, then its punctuation tokens when `punctuation` is on, then its lookup tokens. */
export function classifierTokens(text: string, options: ClassifierTokenOptions = {}): string[] {
  const words = analyzeText(text, { accents: options.accents ?? 'fold' });
  const tokens = options.punctuation === true ? [...words, ...punctuationTokens(text)] : words;
  return options.lookup === undefined ? tokens : [...tokens, ...options.lookup.tokens(text)];
}
