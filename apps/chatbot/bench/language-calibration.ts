// Does each language of the served demo keep its operating point? The demo trained as the app trains it, calibrated
// by one shared temperature or by one per declared language (each paired on the same trained model), against each
// language's demo trained alone. Validation only: covered phrasings are the demo's own examples in 5 folds (each fold
// held out of a training, in every language); English customers are Banking77 train.csv (the 33 intents the demo
// covers, fixtures/banking77-to-demo.json, and the 44 it does not); off-domain Chinese is SMP2018 train.csv without
// its chit-chat class; off-domain Spanish is es-smoke.json's 8 out-of-domain messages. `--test` reads the test
// files instead (Banking77 and SMP2018 test.csv, es-smoke.json's held-out phrasings), once, for the chosen setting.
// Usage: tsx bench/language-calibration.ts [--seeds=1,2,3,4,5] [--settings=30:5 (minRows:folds)] [--per-seed] [--test]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '@suite/shared/ml';
import { getDemoKnowledgeBase, type DemoLanguage } from '../src/kb/demo-knowledge-bases.ts';
import type { KnowledgeBase } from '../src/kb/knowledge-base.ts';
import { getLanguageEvidence } from '../src/kb/language-evidence.ts';
import { trainOnKnowledgeBase } from '../src/kb/knowledge-base-training.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../src/nlp/confidence-threshold.ts';
import type { IntentClassifier } from '../src/nlp/intent-classifier.ts';
import { detectLanguage } from '../src/nlp/language-detection.ts';
import { temperatureFor } from '../src/nlp/language-temperatures.ts';
import { scoreInto, softmaxInPlace } from '../src/nlp/linear-model.ts';
import { dataDir, flag, readIntentCsv, report } from './intent-data.ts';

const here = dirname(fileURLToPath(import.meta.url));
const test = process.argv.includes('--test');
const split = test ? 'test.csv' : 'train.csv';
const { map } = JSON.parse(readFileSync(join(here, 'fixtures', 'banking77-to-demo.json'), 'utf8')) as {
  map: Record<string, string>;
};
const smoke = JSON.parse(readFileSync(join(here, 'fixtures', 'es-smoke.json'), 'utf8')) as {
  heldOut: Record<string, string[]>;
  outOfDomain: string[];
};
const banking = readIntentCsv(join(dataDir(), 'banking77', split));
const smp = readIntentCsv(join(dataDir(), 'smp2018', split)).filter((r) => r.intent !== 'chat');
/** Labelled messages per language: `intent` null means the demo does not cover it (answering it is wrong). */
const customers: Record<DemoLanguage, { text: string; intent: string | null }[]> = {
  en: banking.map((r) => ({ text: r.text, intent: map[r.intent] ?? null })),
  zh: smp.map((r) => ({ text: r.text, intent: null })),
  es: test
    ? Object.entries(smoke.heldOut).flatMap(([intent, texts]) => texts.map((text) => ({ text, intent })))
    : smoke.outOfDomain.map((text) => ({ text, intent: null })),
};
const seeds = flag('seeds', '1,2,3,4,5').split(',').map(Number);
/** Per-language settings as minRows:folds. */
const perLanguage = flag('settings', '30:5')
  .split(',')
  .map((s) => s.split(':').map(Number) as [number, number]);
const FOLDS = 5;
/** `--per-seed`: the customers' figures of each seed apart (how far a retraining moves them), no demo folds. */
const perSeed = process.argv.includes('--per-seed');
const LANGS: DemoLanguage[] = ['en', 'zh', 'es'];

interface Tally {
  covered: number;
  right: number;
  wrong: number;
  nll: number;
  uncovered: number;
  uncoveredAnswered: number;
}
const tally = (): Tally => ({ covered: 0, right: 0, wrong: 0, nll: 0, uncovered: 0, uncoveredAnswered: 0 });
const tallies = new Map<string, Tally>();
const at = (variant: string, source: string, language: string) => {
  const key = `${variant}|${source}|${language}`;
  if (!tallies.has(key)) tallies.set(key, tally());
  return tallies.get(key) as Tally;
};

/** One message scored under a variant: right/wrong/out of scope, and the NLL of the right intent when covered. */
function count(t: Tally, clf: IntentClassifier, text: string, intent: string | null, language?: string) {
  const p = clf.predict(text, undefined, language);
  if (intent === null) {
    t.uncovered++;
    if (!p.outOfScope) t.uncoveredAnswered++;
    return;
  }
  t.covered++;
  if (!p.outOfScope && p.intent === intent) t.right++;
  else if (!p.outOfScope) t.wrong++;
  t.nll -= Math.log(Math.max(probabilityOf(clf, text, intent, language), 1e-12));
}

/** The calibrated probability of `intent`, as `predict` computes it (which only returns the top few). */
function probabilityOf(clf: IntentClassifier, text: string, intent: string, language?: string): number {
  const { data } = clf;
  const scores = new Float64Array(data.labels.length);
  scoreInto(data.model, clf.features(text), scores);
  const temperature = temperatureFor(data.temperature, data.languageTemperatures, language);
  if (data.classOffsets !== null)
    data.classOffsets.forEach((b, k) => (scores[k] = (scores[k] as number) + temperature * b));
  softmaxInPlace(scores, temperature);
  return scores[data.labels.indexOf(intent)] as number;
}

/** The demo without fold `fold` of each intent's examples (per language) and the examples left out. */
function withoutFold(kb: KnowledgeBase, seed: number, fold: number) {
  const rng = createRng(seed * 101 + 7);
  const heldOut: { text: string; intent: string }[] = [];
  const intents = kb.intents.map((intent) => {
    const order = intent.examples.map((_, i) => i);
    rng.shuffle(order);
    const out = new Set(order.filter((_, rank) => rank % FOLDS === fold));
    heldOut.push(
      ...intent.examples.filter((_, i) => out.has(i)).map((text) => ({ text, intent: intent.id })),
    );
    return { ...intent, examples: intent.examples.filter((_, i) => !out.has(i)) };
  });
  return { kb: { ...kb, intents }, heldOut };
}

const train = async (kb: KnowledgeBase, seed: number, setting: [number, number] | false) =>
  (
    await trainOnKnowledgeBase(kb, [], undefined, {
      seed,
      minConfidence: DEFAULT_MIN_CONFIDENCE,
      languageTemperatureRows: setting && setting[0],
      languageTemperatureFolds: setting ? setting[1] : 0,
    })
  ).classifier;

const cpu0 = process.cpuUsage();
const merged = getDemoKnowledgeBase(LANGS);
const declared = merged.languages;
const evidence = getLanguageEvidence(merged);
const langOf = (text: string) => detectLanguage(text, declared, evidence);
const temperatures: Record<string, number[]> = {};
for (const seed of seeds) {
  // The merged demo: shared temperature (no language given) and each per-language setting, one model per setting
  // (the model does not depend on it; only the temperatures do).
  const settings: [string, [number, number] | false][] = [
    ['shared', false],
    ...perLanguage.map((s): [string, [number, number]] => [`perLanguage${s[0]}:${s[1]}`, s]),
  ];
  for (const [variant, rows] of settings) {
    const clf = await train(merged, seed, rows);
    for (const [l, t] of Object.entries(clf.data.languageTemperatures ?? {}))
      (temperatures[`${variant}.${l}`] ??= []).push(Number(t.toFixed(3)));
    (temperatures[`${variant}.shared`] ??= []).push(Number(clf.data.temperature.toFixed(3)));
    for (const l of LANGS)
      for (const c of customers[l])
        count(
          at(variant, perSeed ? `customers.seed${seed}` : 'customers', l),
          clf,
          c.text,
          c.intent,
          langOf(c.text),
        );
  }
  // Each language alone (the operating point to keep), on the same messages.
  for (const l of LANGS) {
    const clf = await train(getDemoKnowledgeBase([l]), seed, false);
    for (const c of customers[l])
      count(at('alone', perSeed ? `customers.seed${seed}` : 'customers', l), clf, c.text, c.intent);
  }
  if (test || perSeed) continue;
  // Covered phrasings: the demo's examples, a fold at a time.
  for (let fold = 0; fold < FOLDS; fold++) {
    const { kb, heldOut } = withoutFold(merged, seed, fold);
    for (const [variant, rows] of settings) {
      const clf = await train(kb, seed, rows);
      for (const h of heldOut) {
        const l = langOf(h.text);
        count(at(variant, 'demoFolds', l), clf, h.text, h.intent, l);
      }
    }
    for (const l of LANGS) {
      const alone = withoutFold(getDemoKnowledgeBase([l]), seed, fold);
      const clf = await train(alone.kb, seed, false);
      for (const h of alone.heldOut) count(at('alone', 'demoFolds', l), clf, h.text, h.intent);
    }
  }
}
const cpu = process.cpuUsage(cpu0);
const share = (n: number, of: number) => (of === 0 ? null : Number((n / of).toFixed(4)));
for (const [key, t] of tallies) {
  const [variant, source, language] = key.split('|');
  report({
    figure: 'demo operating point per language',
    split: test ? 'test' : 'validation',
    variant,
    source,
    language,
    seeds: seeds.length,
    covered: t.covered / seeds.length,
    right: share(t.right, t.covered),
    wrong: share(t.wrong, t.covered),
    meanNll: share(t.nll, t.covered),
    uncovered: t.uncovered / seeds.length,
    uncoveredAnswered: share(t.uncoveredAnswered, t.uncovered),
    minConfidence: DEFAULT_MIN_CONFIDENCE,
  });
}
report({ figure: 'temperatures per seed', temperatures });
report({
  cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
  load1: Number(loadavg()[0]!.toFixed(1)),
});
