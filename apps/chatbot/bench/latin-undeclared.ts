// Which language a Latin-script message is taken to be in, declared or not, with the default demo (en, zh, es):
// English customers (Banking77 train.csv, 10,003 real messages; test.csv is not read), the English and Spanish
// demos' examples, the Spanish smoke set, one- to three-word pieces of them, and the project-written messages in
// languages the demo does not declare (bench/latin-sets.ts: `tune`, what the rule was chosen on, and `heldOut`).
// Before: the script rules alone (a Latin message is always a declared language); after: with the
// undeclared-language check (src/nlp/latin-undeclared.ts). Prints each set's confusion, the held-out totals (named
// right, given the notice under any name) and the CPU per message. The naming sets (latin-sets.ts `namingSets`, with
// Cyrillic and Arabic-script messages) are totalled apart from the first 212 held-out messages, and the Latin-script
// ones of undeclared-names-2.json (`naming-2`, written at 23:00) apart from both.
// Usage: tsx bench/latin-undeclared.ts [--quick] [--tune-only] (--quick: no word pieces; --tune-only: no held-out set)
import { loadavg } from 'node:os';
import { getDemoKnowledgeBase } from '../src/kb/demo-knowledge-bases.ts';
import { getLanguageEvidence } from '../src/kb/language-evidence.ts';
import { decideLanguage } from '../src/nlp/language-detection.ts';
import { detectMessageLanguage } from '../src/nlp/message-language.ts';
import { report } from './intent-data.ts';
import { english, examples, namingSets, namingSets2, spanishSmoke, undeclaredSets } from './latin-sets.ts';
import { pieces } from './word-pieces.ts';

const undeclared = undeclaredSets();
const naming = namingSets();
const naming2 = namingSets2();
const tuneOnly = process.argv.includes('--tune-only');
const spanish = [...spanishSmoke, ...examples('es')];
const sets: Array<[string, readonly string[], string]> = [
  ['Banking77 train.csv (English users)', english, 'en'],
  ['English demo examples', examples('en'), 'en'],
  ['es-smoke.json held-out + out-of-domain', spanishSmoke, 'es'],
  ['Spanish demo examples', examples('es'), 'es'],
  ...(process.argv.includes('--quick') ? [] : [1, 2, 3]).flatMap(
    (n): Array<[string, readonly string[], string]> => [
      [`${n} word(s) of Banking77 train.csv`, pieces(english, n), 'en'],
      [`${n} word(s) of the Spanish sets`, pieces(spanish, n), 'es'],
    ],
  ),
  ...(tuneOnly ? (['tune'] as const) : (['tune', 'heldOut'] as const)).flatMap((part) => [
    ...Object.entries(undeclared[part]).map(([l, texts]): [string, readonly string[], string] => [
      `undeclared ${part} ${l}`,
      texts,
      l,
    ]),
    ...Object.entries(naming[part]).map(([l, texts]): [string, readonly string[], string] => [
      `naming ${part} ${l}`,
      texts,
      l,
    ]),
    ...Object.entries(naming2[part]).map(([l, texts]): [string, readonly string[], string] => [
      `naming-2 ${part} ${l}`,
      texts,
      l,
    ]),
  ]),
];

const kb = getDemoKnowledgeBase(['en', 'zh', 'es']);
const evidence = getLanguageEvidence(kb);
const variants: Record<string, (t: string) => string> = {
  'script rules alone (before)': (t) => decideLanguage(t, kb.languages, evidence, true)?.language ?? 'none',
  'with the undeclared-language check (after)': (t) =>
    detectMessageLanguage(t, kb.languages, evidence)?.language ?? 'none',
};
const declared = new Set(['en', 'es', 'zh', 'none']);
const totals: Record<string, { rows: number; named: number; noticed: number }> = {};
for (const [set, texts, language] of sets)
  for (const [variant, detect] of Object.entries(variants)) {
    const got = texts.map(detect);
    const confusion: Record<string, number> = {};
    for (const g of got) confusion[g] = (confusion[g] ?? 0) + 1;
    const own = got.filter((g) => g === language).length;
    // "none" (nothing tells: the conversation keeps its language) is no error for a declared language's message.
    const wrong = texts.filter((_, i) => got[i] !== language && got[i] !== 'none');
    report({
      figure: 'language of the message',
      set,
      declared: kb.languages,
      variant,
      language,
      rows: texts.length,
      own: Number(((own / texts.length) * 100).toFixed(2)),
      confusion,
      wrong: wrong.slice(0, 5).map((t) => `${t} -> ${detect(t)}`),
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
    const group = /^(undeclared|naming|naming-2) (tune|heldOut)/.exec(set)?.[0];
    if (group !== undefined) {
      const total = (totals[`${group}: ${variant}`] ??= { rows: 0, named: 0, noticed: 0 });
      total.rows += texts.length;
      total.named += own;
      total.noticed += got.filter((g) => !declared.has(g)).length;
    }
  }
for (const [variant, total] of Object.entries(totals))
  report({ figure: 'undeclared messages named right / given the notice', variant, ...total });

// CPU microseconds per call over the English messages, after one uncounted pass (lazy lists, JIT warm-up).
for (const [variant, detect] of Object.entries(variants)) {
  for (const t of english) detect(t);
  const start = process.cpuUsage();
  for (let r = 0; r < 3; r++) for (const t of english) detect(t);
  const used = process.cpuUsage(start);
  report({
    figure: 'CPU microseconds per call (Banking77 train.csv)',
    variant,
    cpuMicrosPerMessage: Number(((used.user + used.system) / (3 * english.length)).toFixed(1)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}
