// Chooses the n-gram profile of the undeclared-language check (src/nlp/latin-ngrams.json) on the tuning sets only:
// for eld/small itself and for profiles of eld's heaviest n-grams (n-grams for en es fr de it pt nl / for eld's other
// Latin-script languages), the tuning messages named right and given the notice at all, and the English and Spanish
// messages and one- to three-word pieces taken for an undeclared language (bench/latin-undeclared.ts reports the
// held-out ones of the chosen profile), with the profile's size, gzipped size, build time and the proposer's CPU per
// message. Usage: tsx bench/latin-ngram-profile.ts [--skip-eld] (BENCH_TOPS="2000/500,2000/0" to choose profiles)
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { getDemoKnowledgeBase } from '../src/kb/demo-knowledge-bases.ts';
import { getLanguageEvidence } from '../src/kb/language-evidence.ts';
import { decideLanguage } from '../src/nlp/language-detection.ts';
import { createLatinProposer, type LatinProposer } from '../src/nlp/latin-ngram-profile.ts';
import { getAllCommonWords } from '../src/nlp/latin-more-words.ts';
import { tryUndeclaredLatinLanguage } from '../src/nlp/latin-undeclared.ts';
import { profileFromEld, readEldData, topsOf } from '../scripts/build-latin-ngrams.ts';
import { report } from './intent-data.ts';
import { english, examples, spanishSmoke, undeclaredSets } from './latin-sets.ts';
import { pieces } from './word-pieces.ts';

const tune = undeclaredSets().tune;
const spanish = [...spanishSmoke, ...examples('es')];
const declaredSets: Array<[string, readonly string[]]> = [
  ['en', [...english, ...examples('en')]],
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
    decideLanguage(t, kb.languages, evidence, true, {
      undeclared: (text, words, candidates, ev) =>
        tryUndeclaredLatinLanguage(text, words, candidates, ev.latin, propose),
      commonWords: getAllCommonWords,
    });
  const undeclared = (t: string) => {
    const found = detect(t);
    return found !== undefined && !found.declared ? found.language : undefined;
  };
  const named: Record<string, number> = {};
  const noticed: Record<string, number> = {};
  const misnamed: string[] = [];
  for (const [l, texts] of Object.entries(tune))
    for (const t of texts) {
      const got = undeclared(t);
      if (got === l) named[l] = (named[l] ?? 0) + 1;
      if (got !== undefined) noticed[l] = (noticed[l] ?? 0) + 1;
      if (got !== l) misnamed.push(`${t} -> ${got ?? detect(t)?.language}`);
    }
  const flipped = declaredSets.map(([name, texts]): [string, string[]] => [
    name,
    texts.filter((t) => undeclared(t) !== undefined).map((t) => `${t} -> ${undeclared(t)}`),
  ]);
  const flips = Object.fromEntries(flipped.map(([name, texts]) => [name, texts.length]));
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  // CPU of the proposer alone per English message, after one uncounted pass.
  for (const t of english) propose(t);
  const start = process.cpuUsage();
  for (const t of english) propose(t);
  const used = process.cpuUsage(start);
  report({
    figure: 'tuning sets',
    variant,
    named: sum(named),
    noticed: sum(noticed),
    of: Object.values(tune).flat().length,
    namedBy: named,
    flips,
    misnamed,
    flipped: flipped.flatMap(([, texts]) => texts),
    cpuMicrosPerMessage: Number(((used.user + used.system) / english.length).toFixed(1)),
    load1: Number(loadavg()[0]!.toFixed(1)),
    ...extra,
  });
}

if (!process.argv.includes('--skip-eld')) {
  const { eld } = await import('eld/small');
  measure('eld/small (60 languages)', (t) => eld.detect(t).language || undefined, {});
}
const data = await readEldData();
for (const spec of (process.env.BENCH_TOPS ?? '2000/0,2000/300,2000/500,2000/1000,1000/500,500/500').split(
  ',',
)) {
  const [top, others] = spec.split('/').map(Number) as [number, number];
  const profile = await profileFromEld(data, topsOf(top, others));
  const json = JSON.stringify(profile, null, 2);
  const start = process.cpuUsage();
  const propose = createLatinProposer(profile);
  propose('warm up');
  const used = process.cpuUsage(start);
  const kb1 = (n: number) => Number((n / 1024).toFixed(1));
  measure(`profile ${top} / ${others}`, propose, {
    jsonKB: kb1(Buffer.byteLength(json)),
    gzipKB: kb1(gzipSync(json).length),
    buildCpuMs: (used.user + used.system) / 1000,
  });
}
