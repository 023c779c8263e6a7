// Masking the matched lookup entry (issue 11, 1 Dec 2026 23:10 UTC): with the project-written lists of
// bench/fixtures/smp2018-lookup-tables.json, a matched entry's characters are replaced by its list's token instead of
// the token being added beside them, so the model learns the frame ("打开<app>") apart from the name, and a name no
// row holds reads like one it knows. Research form: the token is a Braille symbol (category So) put in the entry's
// place, which cleaning drops (the frame's words stay apart) and the punctuation tokens keep; nothing in src/ changes.
import { readFileSync } from 'node:fs';
import { trainIntentClassifier } from '../../src/nlp/train-intent-classifier.ts';
import { normalizeLookupText, type LookupTables } from '../../src/nlp/lookup-tables.ts';
import type { Candidate } from './candidates.ts';

const FIXTURE = new URL('../fixtures/smp2018-lookup-tables.json', import.meta.url);
const LATIN_WORD_RE = /[\p{Script=Latin}0-9]/u;

/** Longest entry at each position, left to right, over NFKC lower-cased text, each replaced by its list's symbol. */
export function createMasker(tables: LookupTables): (text: string) => string {
  const names = Object.keys(tables).sort();
  const entries = new Map<string, number>();
  names.forEach((name, i) => {
    for (const raw of tables[name] ?? []) {
      const e = normalizeLookupText(raw);
      if (e !== '' && !entries.has(e)) entries.set(e, i);
    }
  });
  const lengths = [...new Set([...entries.keys()].map((e) => e.length))].sort((a, b) => b - a);
  const word = (c: string | undefined) => c !== undefined && LATIN_WORD_RE.test(c);
  return (text) => {
    const s = text.normalize('NFKC').toLowerCase();
    let out = '';
    let i = 0;
    while (i < s.length) {
      let hit = -1;
      let len = 1;
      for (const n of lengths) {
        const k = i + n <= s.length ? entries.get(s.slice(i, i + n)) : undefined;
        if (k === undefined) continue;
        if ((word(s[i]) && word(s[i - 1])) || (word(s[i + n - 1]) && word(s[i + n]))) continue;
        [hit, len] = [k, n];
        break;
      }
      out += hit < 0 ? s[i] : ` ${String.fromCodePoint(0x28c0 + hit)} `;
      i += len;
    }
    return out;
  };
}

export function lookupMaskingCandidates(): Record<string, Candidate> {
  const tables = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { lookupTables: LookupTables }).lookupTables;
  const mask = createMasker(tables);
  return {
    'lk: lists masked': (fit, labels) => {
      const clf = trainIntentClassifier(fit.map((r) => ({ ...r, text: mask(r.text) })));
      return (text) => {
        const out = new Float64Array(labels.length);
        out[labels.indexOf(clf.predict(mask(text)).intent)] = 1;
        return out;
      };
    },
  };
}
