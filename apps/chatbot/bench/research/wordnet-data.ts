// WordNet 3.0 as Debian's wordnet-base installs it (/usr/share/wordnet, the WordNet 3.0 licence): the lemma index
// with sense-tagged counts, the morphy exception lists, and the synsets (members, pointers, gloss), for the English
// lexical candidates (issue 11).
import { readFileSync } from 'node:fs';

export const WORDNET_DIR = '/usr/share/wordnet';
export const WORDNET_POS = ['noun', 'verb', 'adj', 'adv'] as const;
export type WordNetPos = (typeof WORDNET_POS)[number];
const POS_LETTER: Record<WordNetPos, string> = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' };

export interface IndexEntry {
  /** Occurrences of the lemma in this part of speech in the semantically tagged corpora (cntlist.rev). */
  tagCount: number;
  /** Synset keys (`n:02962545`), most frequent sense first. */
  synsets: string[];
}

export interface Synset {
  words: string[];
  /** Pointer symbol (`@` hypernym, `&` similar...) and the target synset's key. */
  pointers: { symbol: string; key: string }[];
  gloss: string;
}

export interface WordNet {
  /** lemma (lower case, `_` between words) -> entry per part of speech. */
  index: Map<string, Map<WordNetPos, IndexEntry>>;
  /** Irregular inflection -> base forms, per part of speech (`was` -> `be`). */
  exceptions: Map<WordNetPos, Map<string, string[]>>;
  synsets: Map<string, Synset>;
}

/** Satellite adjectives (`s`) live in data.adj beside head adjectives: one key space for both. */
const keyOf = (pos: string, offset: string) => `${pos === 's' ? 'a' : pos}:${offset}`;

function dataLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('  '));
}

/** Reads the database files of `dir`. */
export function readWordNet(dir = WORDNET_DIR): WordNet {
  const index: WordNet['index'] = new Map();
  const exceptions: WordNet['exceptions'] = new Map();
  const synsets: WordNet['synsets'] = new Map();
  for (const pos of WORDNET_POS) {
    const letter = POS_LETTER[pos];
    for (const line of dataLines(`${dir}/index.${pos}`)) {
      const f = line.trim().split(' ');
      const pCnt = Number(f[3]);
      const senseCnt = Number(f[4 + pCnt]);
      const offsets = f.slice(6 + pCnt, 6 + pCnt + senseCnt);
      const lemma = f[0] as string;
      let byPos = index.get(lemma);
      if (byPos === undefined) index.set(lemma, (byPos = new Map()));
      byPos.set(pos, { tagCount: 0, synsets: offsets.map((o) => keyOf(letter, o)) });
    }
    const exc = new Map<string, string[]>();
    for (const line of readFileSync(`${dir}/${pos}.exc`, 'utf8').split('\n')) {
      const [word, ...bases] = line.trim().split(' ');
      if (word !== undefined && word !== '' && bases.length > 0) exc.set(word, bases);
    }
    exceptions.set(pos, exc);
    for (const line of dataLines(`${dir}/data.${pos}`)) {
      const bar = line.indexOf(' | ');
      const f = (bar < 0 ? line : line.slice(0, bar)).trim().split(' ');
      const wCnt = parseInt(f[3] as string, 16);
      const words = Array.from({ length: wCnt }, (_, i) =>
        (f[4 + 2 * i] as string).replace(/\(.*\)$/, '').toLowerCase(),
      );
      const at = 4 + 2 * wCnt;
      const pointers = Array.from({ length: Number(f[at]) }, (_, i) => ({
        symbol: f[at + 1 + 4 * i] as string,
        key: keyOf(f[at + 3 + 4 * i] as string, f[at + 2 + 4 * i] as string),
      }));
      synsets.set(keyOf(letter, f[0] as string), {
        words,
        pointers,
        gloss: bar < 0 ? '' : line.slice(bar + 3).trim(),
      });
    }
  }
  // Sense key `lemma%t:...` (t: 1 noun, 2 verb, 3 adj, 4 adv, 5 satellite adj), its sense number, its count.
  const posOfType = ['', 'noun', 'verb', 'adj', 'adv', 'adj'] as const;
  for (const line of readFileSync(`${dir}/cntlist.rev`, 'utf8').split('\n')) {
    const [key, , count] = line.split(' ');
    if (key === undefined || count === undefined) continue;
    const at = key.indexOf('%');
    const pos = posOfType[Number(key[at + 1])];
    const entry = pos === undefined || pos === '' ? undefined : index.get(key.slice(0, at))?.get(pos);
    if (entry !== undefined) entry.tagCount += Number(count);
  }
  return { index, exceptions, synsets };
}

/** Morphy's detachment rules: suffix -> replacement, per part of speech (WordNet's morphy(7WN)). */
const RULES: Record<WordNetPos, [string, string][]> = {
  noun: [
    ['s', ''],
    ['ses', 's'],
    ['xes', 'x'],
    ['zes', 'z'],
    ['ches', 'ch'],
    ['shes', 'sh'],
    ['men', 'man'],
    ['ies', 'y'],
  ],
  verb: [
    ['s', ''],
    ['ies', 'y'],
    ['es', 'e'],
    ['es', ''],
    ['ed', 'e'],
    ['ed', ''],
    ['ing', 'e'],
    ['ing', ''],
  ],
  adj: [
    ['er', ''],
    ['est', ''],
    ['er', 'e'],
    ['est', 'e'],
  ],
  adv: [],
};

/** Base forms of a word with their part of speech, as morphy finds them (exceptions, itself, detached suffixes). */
export function morphyCandidates(wn: WordNet, word: string): { lemma: string; pos: WordNetPos }[] {
  const out: { lemma: string; pos: WordNetPos }[] = [];
  for (const pos of WORDNET_POS) {
    const known = (w: string) => wn.index.get(w)?.has(pos) === true;
    for (const b of wn.exceptions.get(pos)?.get(word) ?? []) if (known(b)) out.push({ lemma: b, pos });
    if (known(word)) out.push({ lemma: word, pos });
    for (const [suffix, repl] of RULES[pos]) {
      if (!word.endsWith(suffix) || word.length <= suffix.length) continue;
      const b = word.slice(0, word.length - suffix.length) + repl;
      if (known(b)) out.push({ lemma: b, pos });
    }
  }
  return out;
}

/**
 * A lemmatiser from morphy: of a word's base forms, the one whose part of speech carries the most sense-tagged
 * occurrences (ties: the first found, the word itself before a detached form). Words under `minLength` letters keep
 * their form unless an exception list names them (`is` -> `be`, but `as` never becomes `a`).
 */
export function createMorphyLemmatiser(wn: WordNet, minLength = 4): (word: string) => string {
  const cache = new Map<string, string>();
  return (word) => {
    let lemma = cache.get(word);
    if (lemma !== undefined) return lemma;
    let best = -1;
    lemma = word;
    for (const c of morphyCandidates(wn, word)) {
      const listed = WORDNET_POS.some((p) => wn.exceptions.get(p)?.get(word)?.includes(c.lemma));
      if (word.length < minLength && !listed) continue;
      const n = wn.index.get(c.lemma)?.get(c.pos)?.tagCount ?? 0;
      if (n > best) [best, lemma] = [n, c.lemma];
    }
    cache.set(word, lemma);
    return lemma;
  };
}
