// Chooses the n-gram profile of the undeclared-language check (src/nlp/latin-ngrams.json) on the tuning half only:
// for eld/small itself and for profiles of eld's heaviest n-grams (languages x n-grams per language), the tuning
// half's undeclared messages caught and the English and Spanish messages and one- to three-word pieces flipped to an
// undeclared language (the sets of bench/latin-undeclared.ts, which reports the held-out half of the chosen one),
// with the profile's size, gzipped size, build time and the proposer's CPU per message. Usage: tsx bench/latin-ngram-profile.ts
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { getDemoKnowledgeBase } from '../src/kb/demo-knowledge-bases.ts';
import { getLanguageEvidence } from '../src/kb/language-evidence.ts';
import { decideLanguage } from '../src/nlp/language-detection.ts';
import { createLatinProposer, type LatinProposer } from '../src/nlp/latin-ngram-profile.ts';
import { tryUndeclaredLatinLanguage } from '../src/nlp/latin-undeclared.ts';
import { profileFromEld, readEldData } from '../scripts/build-latin-ngrams.ts';
import { dataDir, readIntentCsv, report } from './intent-data.ts';
import { pieces } from './word-pieces.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => JSON.parse(readFileSync(join(here, 'fixtures', name), 'utf8'));
const es = fixture('es-smoke.json') as { heldOut: Record<string, string[]>; outOfDomain: string[] };
const tune = (fixture('latin-undeclared.json') as { tune: Record<string, string[]> }).tune;
const english = readIntentCsv(join(dataDir(), 'banking77', 'train.csv')).map((r) => r.text);
const examples = (l: 'en' | 'es') => getDemoKnowledgeBase([l]).intents.flatMap((i) => i.examples);
const spanish = [...Object.values(es.heldOut).flat(), ...es.outOfDomain, ...examples('es')];
const englishAll = [...english, ...examples('en')];
const declaredSets: Array<[string, readonly string[]]> = [
  ['en', englishAll],
  ['es', spanish],
  ...[1, 2, 3].flatMap((n): Array<[string, readonly string[]]> => [
    [`en${n}`, pieces(english, n)],
    [`es${n}`, pieces(spanish, n)],
  ]),
];

const kb = getDemoKnowledgeBase(['en', 'zh', 'es']);
const evidence = getLanguageEvidence(kb);
function measure(variant: string, propose: LatinProposer, extra: Record<string, unknown>) {
  const detect = (t: string) =>
    decideLanguage(t, kb.languages, evidence, true, (text, words, candidates, ev) =>
      tryUndeclaredLatinLanguage(text, words, candidates, ev.latin, propose),
    )?.language;
  const caught = Object.fromEntries(
    Object.entries(tune).map(([l, texts]) => [l, texts.filter((t) => detect(t) === l).length]),
  );
  const flips = Object.fromEntries(
    declaredSets.map(([name, texts]) => [
      name,
      texts.filter((t) => {
        const got = detect(t);
        return got !== undefined && got !== name.slice(0, 2) && ['fr', 'de', 'it', 'pt', 'nl'].includes(got);
      }).length,
    ]),
  );
  const total = Object.values(caught).reduce((a, b) => a + b, 0);
  // CPU of the proposer alone per English message, after one uncounted pass.
  for (const t of english) propose(t);
  const start = process.cpuUsage();
  for (const t of english) propose(t);
  const used = process.cpuUsage(start);
  const cpuMicrosPerMessage = Number(((used.user + used.system) / english.length).toFixed(1));
  const load1 = Number(loadavg()[0]!.toFixed(1));
  report({
    figure: 'tuning half',
    variant,
    caught: total,
    of: 60,
    caughtBy: caught,
    flips,
    cpuMicrosPerMessage,
    load1,
    ...extra,
  });
}

const { eld } = await import('eld/small');
measure('eld/small (60 languages)', (t) => eld.detect(t).language || undefined, {});
const data = await readEldData();
const latin7 = ['en', 'es', 'fr', 'de', 'it', 'pt', 'nl'];
const sets: Record<string, string[]> = {
  '7': latin7,
  '7+ca': [...latin7, 'ca'],
  '7+ca,ro,sv,da,no': [...latin7, 'ca', 'ro', 'sv', 'da', 'no'],
};
const tops = (process.env.BENCH_TOPS ?? '500,1000,2000,4000').split(',').map(Number);
for (const [name, languages] of Object.entries(sets))
  for (const top of tops) {
    const profile = await profileFromEld(data, languages, top);
    const json = JSON.stringify(profile, null, 2);
    const start = performance.now();
    const propose = createLatinProposer(profile);
    const buildMs = Number((performance.now() - start).toFixed(1));
    const kb1 = (n: number) => Number((n / 1024).toFixed(1));
    measure(`profile ${name} top ${top}`, propose, {
      jsonKB: kb1(json.length),
      gzipKB: kb1(gzipSync(json).length),
      buildMs,
    });
  }
