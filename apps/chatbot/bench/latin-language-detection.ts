// How often a Latin-script message is answered in its own language when a knowledge base declares English and
// Spanish: English customers (Banking77 test.csv, 3,080 real messages) and Spanish ones (the project-written
// held-out set with its out-of-domain messages, and the Spanish demo's examples), with either language first (so
// "nothing tells" answers in the first) and as the default demo declares them (en, zh, es). Also CPU per message.
// Usage: tsx bench/latin-language-detection.ts
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDemoKnowledgeBase } from '../src/kb/demo-knowledge-bases.ts';
import { detectLanguage } from '../src/nlp/language-detection.ts';
import { dataDir, readIntentCsv, report } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const share = (hits: number, rows: number) => Number((hits / rows).toFixed(4));
const banking = readIntentCsv(join(dataDir(), 'banking77', 'test.csv')).map((r) => r.text);
const es = JSON.parse(readFileSync(join(here, 'fixtures', 'es-smoke.json'), 'utf8')) as {
  heldOut: Record<string, string[]>;
  outOfDomain: string[];
};
const examples = (language: 'en' | 'es') =>
  getDemoKnowledgeBase([language]).intents.flatMap((i) => i.examples);
const sets: Array<[string, readonly string[], string]> = [
  ['Banking77 test.csv (English users)', banking, 'en'],
  [
    'es-smoke.json held-out + out-of-domain (project)',
    [...Object.values(es.heldOut).flat(), ...es.outOfDomain],
    'es',
  ],
  ['English demo examples', examples('en'), 'en'],
  ['Spanish demo examples', examples('es'), 'es'],
];

for (const declared of [
  ['en', 'es'],
  ['es', 'en'],
  ['en', 'zh', 'es'],
])
  for (const [set, texts, language] of sets) {
    const missed = texts.filter((t) => detectLanguage(t, declared) !== language);
    report({
      figure: 'answered in its own language',
      set,
      declared,
      language,
      rows: texts.length,
      detected: share(texts.length - missed.length, texts.length),
      missed: missed.slice(0, 5),
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
  }

// CPU microseconds per message over five passes, after one uncounted pass (lazy lists, JIT warm-up).
const declared = ['en', 'zh', 'es'];
for (const t of banking) detectLanguage(t, declared);
const start = process.cpuUsage();
for (let r = 0; r < 5; r++) for (const t of banking) detectLanguage(t, declared);
const used = process.cpuUsage(start);
report({
  figure: 'CPU microseconds per detectLanguage call (Banking77 test.csv)',
  declared,
  cpuMicrosPerMessage: Number(((used.user + used.system) / (5 * banking.length)).toFixed(1)),
  load1: Number(loadavg()[0]!.toFixed(1)),
});
