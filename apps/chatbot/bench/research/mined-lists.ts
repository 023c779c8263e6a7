// Lookup lists learned from the training rows themselves (issue 11, 1 Dec 2026 23:00 UTC): no hand-written list. A
// word (or a 2-4 character piece) that occurs in at least `minRows` training rows, all of one intent, joins that
// intent's list; a message holding an entry of intent k's list gets one token for k (a feature shared by all of k's
// names, so a name seen once borrows the weight the list's other names earned). With `leaveOneOut`, a training row's
// tokens come from the lists mined without that row (its own occurrence counts neither for the count nor for the
// purity), so the token is no more reliable in training than it is on a new message: target encoding done honestly.
// Research form: the tokens reach the app's vectorizer as Braille symbols (category So, absent from SMP2018's
// train.csv) prefixed to the text, which cleaning drops and the punctuation tokens keep (one word-block token each),
// as lexicon-marks.ts did, so nothing in src/ changes.
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import { analyzeText, cleanText } from '../../src/nlp/text-cleaning.ts';
import type { Candidate } from './candidates.ts';

export interface MinedListSpec {
  /** ICU's words of 2+ characters, or every 2-4 character piece of a cleaned word run. */
  items: 'words' | 'grams';
  /** Rows (other than the row itself, with leaveOneOut) an entry must occur in. */
  minRows: number;
  leaveOneOut: boolean;
  /** Shortest item, in characters (default 2); 3 keeps names and drops two-character domain words (做法, 股票). */
  minChars?: number;
}

const LETTER_RE = /\p{L}/u;

/** The distinct items of a message a list may hold. */
export function itemsOf(text: string, kind: MinedListSpec['items'], minChars = 2): string[] {
  if (kind === 'words')
    return [...new Set(analyzeText(text).filter((w) => [...w].length >= minChars && LETTER_RE.test(w)))];
  const out = new Set<string>();
  for (const run of cleanText(text).split(' ')) {
    const cs = [...run];
    for (let n = minChars; n <= 4; n++)
      for (let i = 0; i + n <= cs.length; i++) {
        const piece = cs.slice(i, i + n).join('');
        if (LETTER_RE.test(piece)) out.add(piece);
      }
  }
  return [...out];
}

/** Rows per intent holding each item. */
type Counts = Map<string, Map<number, number>>;

function countItems(items: readonly string[][], ys: readonly number[]): Counts {
  const counts: Counts = new Map();
  items.forEach((its, i) => {
    for (const w of its) {
      const byIntent = counts.get(w) ?? new Map<number, number>();
      byIntent.set(ys[i] as number, (byIntent.get(ys[i] as number) ?? 0) + 1);
      counts.set(w, byIntent);
    }
  });
  return counts;
}

/** The intent an item's rows all belong to when there are `minRows` of them, after leaving out one row of `own`. */
function pureIntent(byIntent: Map<number, number>, minRows: number, own?: number): number | undefined {
  let total = 0;
  let only: number | undefined;
  for (const [k, n0] of byIntent) {
    const n = k === own ? n0 - 1 : n0;
    if (n <= 0) continue;
    if (only !== undefined) return undefined;
    only = k;
    total = n;
  }
  return only !== undefined && total >= minRows ? only : undefined;
}

const mark = (k: number) => String.fromCodePoint(0x2801 + k);

function marked(text: string, intents: Set<number>): string {
  return intents.size === 0
    ? text
    : `${[...intents]
        .sort((a, b) => a - b)
        .map(mark)
        .join('')} ${text}`;
}

/** The app trained and asked on texts marked with the lists mined from its own training rows. */
export function minedLists(spec: MinedListSpec): Candidate {
  return (fit, labels) => {
    const ys = fit.map((r) => labels.indexOf(r.intent));
    const items = fit.map((r) => itemsOf(r.text, spec.items, spec.minChars));
    const counts = countItems(items, ys);
    const hits = (its: readonly string[], own?: number) => {
      const found = new Set<number>();
      for (const w of its) {
        const byIntent = counts.get(w);
        const k = byIntent && pureIntent(byIntent, spec.minRows, own);
        if (k !== undefined) found.add(k);
      }
      return found;
    };
    const rows = fit.map((r, i) => ({
      ...r,
      text: marked(r.text, hits(items[i] as string[], spec.leaveOneOut ? ys[i] : undefined)),
    }));
    const clf = trainIntentClassifier(rows);
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(marked(text, hits(itemsOf(text, spec.items, spec.minChars)))).intent)] =
        1;
      return out;
    };
  };
}

export function minedListCandidates(): Record<string, Candidate> {
  return {
    'ml: words loo m2': minedLists({ items: 'words', minRows: 2, leaveOneOut: true }),
    'ml: words loo m1': minedLists({ items: 'words', minRows: 1, leaveOneOut: true }),
    'ml: grams loo m2': minedLists({ items: 'grams', minRows: 2, leaveOneOut: true }),
    'ml: words plain m2': minedLists({ items: 'words', minRows: 2, leaveOneOut: false }),
    // Round 2 (23:35 UTC, after round 1 lost): names rather than domain words.
    'ml: words loo m2 len3': minedLists({ items: 'words', minRows: 2, leaveOneOut: true, minChars: 3 }),
  };
}
