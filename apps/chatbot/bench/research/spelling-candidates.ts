// Candidates for Banking77 toward 93% (issue 11, 1 Dec 2026, 06:20-08:15 UTC), each paired with the shipped app
// (member on): spelling normalisation learned from the training texts (spelling.ts), with or without a dictionary's
// words kept as they are; word pairs across a gap (the vectorizer's `wordGap`); wink-lemmatizer's lemmas.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { analyzeText } from '../../src/nlp/text-cleaning.ts';
import type { Candidate } from './candidates.ts';
import { appOnRewrite } from './lexical-candidates.ts';
import { fitSpelling, type SpellingOptions } from './spelling.ts';

/** An English word list, one word a line (Debian's `wamerican`, SCOWL); read on first use. */
const WORD_LIST = process.env.SUITE_ENGLISH_WORDS ?? '/usr/share/dict/american-english';
let dictionary: Set<string> | undefined;
function inDictionary(word: string): boolean {
  if (dictionary === undefined) {
    if (!existsSync(WORD_LIST)) throw new Error(`${WORD_LIST} missing: apt-get install wamerican`);
    dictionary = new Set(
      readFileSync(WORD_LIST, 'utf8')
        .split('\n')
        .flatMap((w) => analyzeText(w)),
    );
  }
  return dictionary.has(word);
}

/** The app on texts whose rare and unseen words are normalised by a corrector fitted on the fold's training rows. */
export function appWithSpelling(o: Partial<SpellingOptions>, useDictionary: boolean): Candidate {
  return (fit, labels) => {
    const fix = fitSpelling(
      fit.map((r) => analyzeText(r.text)),
      o,
      useDictionary ? inDictionary : undefined,
    );
    return appOnRewrite((t) => analyzeText(t).map(fix).join(' '))(fit, labels);
  };
}

export function spellingCandidates(): Record<string, Candidate> {
  return {
    'app, cleaned words as text (control)': appOnRewrite((t) => analyzeText(t).join(' ')),
    'app, spelling: unseen words': appWithSpelling({ maxCount: 0 }, false),
    'app, spelling: words seen once or unseen': appWithSpelling({ maxCount: 1 }, false),
    'app, spelling: unseen non-dictionary words': appWithSpelling({ maxCount: 0 }, true),
    'app, spelling: seen once or unseen, non-dictionary': appWithSpelling({ maxCount: 1 }, true),
    'app, spelling: seen at most twice, non-dictionary': appWithSpelling({ maxCount: 2 }, true),
  };
}

/** The app with word pairs across a gap (src/nlp/ngram-hashes.ts `wordGap`) in the word block. */
const gapApp = (wordGap: number, wordGapTied = false): Candidate =>
  appOnRewrite((t) => t, {
    vectorizer: { wordGap, wordGapTied },
  });

export function wordPairCandidates(): Record<string, Candidate> {
  return {
    'app, word pairs one word apart': gapApp(1),
    'app, word pairs one or two apart': gapApp(2),
    'app, word pairs 1-3 apart, one key': gapApp(3, true),
    'app, every ordered word pair, one key': gapApp(64, true),
  };
}

/**
 * wink-lemmatizer (npm, MIT; not a dependency of the app: install it anywhere with `npm install --prefix DIR
 * wink-lemmatizer@3.0.4` and point SUITE_WINK_LEMMATIZER at DIR/node_modules/wink-lemmatizer). It lemmatises by part
 * of speech and the app has no tagger, so a word takes its verb lemma if that differs, else its noun lemma, else its
 * adjective lemma.
 */
let wink: ((word: string) => string) | undefined;
function winkLemma(word: string): string {
  if (wink === undefined) {
    const dir = process.env.SUITE_WINK_LEMMATIZER ?? '/tmp/bank-wink/node_modules/wink-lemmatizer';
    const l = createRequire(import.meta.url)(dir) as Record<
      'verb' | 'noun' | 'adjective',
      (w: string) => string
    >;
    wink = (w) => {
      for (const pos of ['verb', 'noun', 'adjective'] as const) {
        const lemma = l[pos](w);
        if (lemma !== w) return lemma;
      }
      return w;
    };
  }
  return wink(word);
}

export function winkCandidates(): Record<string, Candidate> {
  return {
    'app, wink lemmas instead of words': appOnRewrite((t) => analyzeText(t).map(winkLemma).join(' ')),
  };
}
