// Lookup tables as a classifier feature on SMP2018 (issue 11, 1 Dec 2026): bench/fixtures/smp2018-lookup-tables.json,
// lists of apps, websites, TV channels, radio, shows, films, novels, songs and singers written from general knowledge
// before any run (commit d246ad8), given to the app's own training (`vectorizer.lookupTables`). Two candidates were
// fixed before the first run: a token per list matched, and that plus a `whole:` token per list of a message that is
// nothing but entries; the second (no better, RESULTS.md 1 Dec 2026 19:50) runs at commit ffa0d63.
import { readFileSync } from 'node:fs';
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import { createLookupMatcher, LOOKUP_MARK, type LookupTables } from '../../src/nlp/lookup-tables.ts';
import type { Candidate } from './candidates.ts';

const FIXTURE = new URL('../fixtures/smp2018-lookup-tables.json', import.meta.url);

function tables(): LookupTables {
  return (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { lookupTables: LookupTables }).lookupTables;
}

function app(options: Partial<IntentTrainOptions>): Candidate {
  return (fit, labels) => {
    const clf = trainIntentClassifier(fit, options);
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text).intent)] = 1;
      return out;
    };
  };
}

/**
 * A larger weight for the list tokens (1 Dec 2026 23:35 UTC): each list matched gives `copies` distinct tokens, emulated
 * as Braille symbols prefixed to the text (the punctuation tokens keep them, as lexicon-marks.ts did), so their share
 * of the word block grows; `copies` 1 checks the emulation against the shipped tokens.
 */
function weighted(lookupTables: LookupTables, copies: number): Candidate {
  const matcher = createLookupMatcher(lookupTables);
  const names = Object.keys(lookupTables).sort();
  const mark = (text: string) => {
    let prefix = '';
    for (const token of matcher.tokens(text)) {
      const i = names.indexOf(token.slice(`${LOOKUP_MARK}list:`.length));
      for (let c = 0; c < copies; c++) prefix += String.fromCodePoint(0x2840 + 16 * c + i);
    }
    return prefix === '' ? text : `${prefix} ${text}`;
  };
  return (fit, labels) => {
    const clf = trainIntentClassifier(fit.map((r) => ({ ...r, text: mark(r.text) })));
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(mark(text)).intent)] = 1;
      return out;
    };
  };
}

export function lookupCandidates(): Record<string, Candidate> {
  const lookupTables = tables();
  return {
    'lk: lists': app({ vectorizer: { lookupTables } }),
    'lk: lists x1 emulated': weighted(lookupTables, 1),
    'lk: lists x2': weighted(lookupTables, 2),
    'lk: lists x3': weighted(lookupTables, 3),
  };
}
