// Gazetteers from Debian's Chinese word lists (issue 11, 1 Dec 2026), two ways: marks (a message that holds a person's
// name by friso's surname and given-name lists, a place, a festival, a company, a poet or a poem title of fortunes-zh
// gets one token per kind) and entity swaps (training rows holding such an entry copied with another entry of the
// same list). Research only: the marks reach the app's vectorizer as symbols prefixed to the text, which cleaning
// drops and the punctuation tokens keep (one word-block token each), so nothing in src/ changes.
// Needs `apt-get install friso-dict fortunes-zh`.
import { existsSync, readFileSync } from 'node:fs';
import { createRng } from '@suite/shared/ml';
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import type { Candidate } from './candidates.ts';
import type { IntentRow } from '../intent-data.ts';

const FRISO = '/usr/share/friso/dict/UTF-8';
const FORTUNES = '/usr/share/games/fortunes';

/** A word list's entries: first field of each line ("词/同义词" or "词"), comments and blanks dropped. */
function lexWords(file: string, minLength = 1): string[] {
  if (!existsSync(file)) throw new Error(`${file} missing: apt-get install friso-dict fortunes-zh`);
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim().split('/')[0] ?? '')
    .filter((w) => w !== '' && !w.startsWith('#') && [...w].length >= minLength);
}

/** Poets and poem titles of fortunes-zh's 300 Tang poems and 100 Song lyrics (ANSI colour codes stripped). */
function poems(): { poets: string[]; titles: string[] } {
  const poets = new Set<string>();
  const titles = new Set<string>();
  for (const f of ['tang300', 'song100']) {
    // eslint-disable-next-line no-control-regex
    const text = readFileSync(`${FORTUNES}/${f}`, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
    for (const m of text.matchAll(/作者[:：]\s*([\p{Script=Han}]{2,4})/gu)) poets.add(m[1] as string);
    for (const m of text.matchAll(/《([^》]+)》/gu))
      for (const part of (m[1] as string).split(/[・·]/)) if ([...part].length >= 2) titles.add(part);
  }
  return { poets: [...poets], titles: [...titles] };
}

/** Longest-first substring matcher over a set of words. */
function matcher(words: readonly string[]): (text: string) => boolean {
  const set = new Set(words);
  const lengths = [...new Set(words.map((w) => w.length))].sort((a, b) => b - a);
  return (text) => {
    for (const n of lengths)
      for (let i = 0; i + n <= text.length; i++) if (set.has(text.slice(i, i + n))) return true;
    return false;
  };
}

/**
 * A Chinese personal name by friso's rule: a surname, then one single-name character, or a first and a last
 * double-name character. Loose by design: "高清" passes (高 surname, 清 a given name); the model weighs the mark.
 */
function nameMatcher(): (text: string) => boolean {
  const surnames = new Set(lexWords(`${FRISO}/lex-lname.lex`));
  const single = new Set(lexWords(`${FRISO}/lex-sname.lex`));
  const first = new Set(lexWords(`${FRISO}/lex-dname-1.lex`));
  const last = new Set(lexWords(`${FRISO}/lex-dname-2.lex`));
  return (text) => {
    const cs = [...text];
    for (let i = 0; i + 1 < cs.length; i++) {
      if (!surnames.has(cs[i] as string)) continue;
      if (first.has(cs[i + 1] as string) && last.has(cs[i + 2] ?? '')) return true;
      if (single.has(cs[i + 1] as string)) return true;
    }
    return false;
  };
}

export type MarkKind = 'name' | 'place' | 'festival' | 'company' | 'poet' | 'poem' | 'bare';

// Symbols (category So) that cleaning drops and the punctuation tokens keep; none occurs in SMP2018.
const SYMBOL: Record<MarkKind, string> = {
  name: '♠',
  place: '♣',
  festival: '♥',
  company: '♦',
  poet: '♤',
  poem: '♧',
  bare: '♨',
};

let kinds: Record<MarkKind, (text: string) => boolean> | undefined;

function getKinds(): Record<MarkKind, (text: string) => boolean> {
  if (kinds !== undefined) return kinds;
  const p = poems();
  kinds = {
    name: nameMatcher(),
    place: matcher(lexWords(`${FRISO}/lex-cn-place.lex`, 2)),
    festival: matcher(lexWords(`${FRISO}/lex-festival.lex`, 2)),
    company: matcher([...lexWords(`${FRISO}/lex-company.lex`, 2), ...lexWords(`${FRISO}/lex-org.lex`, 2)]),
    poet: matcher(p.poets),
    poem: matcher(p.titles),
    // No Chinese function word of friso's stop list: a bare noun phrase, as titles and names asked for alone are.
    bare: (
      (stop) => (text: string) =>
        !stop(text)
    )(matcher(lexWords(`${FRISO}/lex-stopword.lex`).filter((w) => /^\p{Script=Han}+$/u.test(w)))),
  };
  return kinds;
}

/** The text with one symbol prefixed per kind of mark it holds. */
export function markText(text: string, which: readonly MarkKind[], copies = 1): string {
  const k = getKinds();
  let prefix = '';
  // More copies: more distinct tokens per kind (U+2600 block, So like the suits), a larger share of the word block.
  for (const kind of which)
    if (k[kind](text)) {
      prefix += SYMBOL[kind];
      const i = (Object.keys(SYMBOL) as MarkKind[]).indexOf(kind);
      for (let c = 1; c < copies; c++) prefix += String.fromCodePoint(0x2600 + 16 * c + i);
    }
  return prefix === '' ? text : `${prefix} ${text}`;
}

/** How many rows each kind marks (a sanity check of the lists, printed by --lexicon-stats). */
export function markCounts(texts: readonly string[]): Record<MarkKind, number> {
  const k = getKinds();
  const out = {} as Record<MarkKind, number>;
  for (const kind of Object.keys(SYMBOL) as MarkKind[]) out[kind] = texts.filter((t) => k[kind](t)).length;
  return out;
}

/** The app trained and asked on marked texts (its own predict path, class offsets applied). */
function marked(
  which: readonly MarkKind[],
  copies = 1,
  options: Partial<IntentTrainOptions> = {},
): Candidate {
  return (fit, labels) => {
    const clf = trainIntentClassifier(
      fit.map((r) => ({ ...r, text: markText(r.text, which, copies) })),
      options,
    );
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(markText(text, which, copies)).intent)] = 1;
      return out;
    };
  };
}

export function lexiconCandidates(): Record<string, Candidate> {
  const sets: Record<string, MarkKind[]> = {
    name: ['name'],
    place: ['place'],
    festival: ['festival'],
    company: ['company'],
    poetry: ['poet', 'poem'],
    'poetry + festival + company': ['poet', 'poem', 'festival', 'company'],
    all: ['name', 'place', 'festival', 'company', 'poet', 'poem'],
    bare: ['bare'],
  };
  const out: Record<string, Candidate> = {};
  for (const [name, which] of Object.entries(sets)) {
    out[`app, marks: ${name}`] = marked(which);
    out[`app, marks x3: ${name}`] = marked(which, 3);
  }
  const subs: Record<string, SubKind[]> = {
    place: ['place'],
    poetry: ['poet', 'poem'],
    name: ['name'],
    'place + poetry + name': ['place', 'poet', 'poem', 'name'],
  };
  for (const [name, which] of Object.entries(subs))
    for (const copies of [1, 2])
      out[`app, entity swaps x${copies}: ${name}`] = (fit, labels) =>
        marked([])([...fit, ...entitySwaps(fit, which, copies)], labels);
  return out;
}

type SubKind = 'place' | 'poet' | 'poem' | 'name';
let lists: Record<SubKind, string[]> | undefined;

function getLists(): Record<SubKind, string[]> {
  if (lists !== undefined) return lists;
  const p = poems();
  const surnames = lexWords(`${FRISO}/lex-lname.lex`).filter((s) => [...s].length === 1);
  const first = lexWords(`${FRISO}/lex-dname-1.lex`);
  const last = lexWords(`${FRISO}/lex-dname-2.lex`);
  // Three-character names, the surname and given-name lists' first 60 entries (the most common) combined.
  const names: string[] = [];
  for (const s of surnames.slice(0, 60))
    for (const a of first.slice(0, 20)) for (const b of last.slice(0, 20)) names.push(s + a + b);
  lists = {
    place: lexWords(`${FRISO}/lex-cn-place.lex`, 2),
    poet: p.poets,
    poem: p.titles,
    name: names,
  };
  return lists;
}

/**
 * Entity-swap augmentation: each row holding an entry of a list (longest first) gets `copies` variants with it
 * replaced by a random entry of the same list, same intent. Names: three-character names of the lists only.
 */
export function entitySwaps(
  rows: readonly IntentRow[],
  which: readonly SubKind[],
  copies: number,
): IntentRow[] {
  const l = getLists();
  const rng = createRng(11);
  const out: IntentRow[] = [];
  const sets = which.map((k) => ({
    k,
    set: new Set(l[k]),
    lengths: [...new Set(l[k].map((w) => w.length))].sort((a, b) => b - a),
  }));
  for (const r of rows)
    for (const { k, set, lengths } of sets) {
      let hit: { at: number; n: number } | undefined;
      for (const n of lengths) {
        for (let i = 0; i + n <= r.text.length && hit === undefined; i++)
          if (set.has(r.text.slice(i, i + n))) hit = { at: i, n };
        if (hit !== undefined) break;
      }
      if (hit === undefined) continue;
      for (let c = 0; c < copies; c++) {
        const w = l[k][Math.floor(rng.next() * l[k].length)] as string;
        out.push({ intent: r.intent, text: r.text.slice(0, hit.at) + w + r.text.slice(hit.at + hit.n) });
      }
    }
  return out;
}
