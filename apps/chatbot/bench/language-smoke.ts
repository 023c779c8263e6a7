// Smoke measurement for a language without a public data set: a project-written knowledge base, held-out phrasings
// of each intent and out-of-domain messages (bench/fixtures/<lang>-smoke.json). Trained the way the app trains a
// knowledge base; small and written by the project, so it shows the language works, not how well it ranks.
// Usage: tsx bench/language-smoke.ts [fixture.json] [--seeds=1,2,3]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWLEDGE_BASE_TRAINING, trainOnKnowledgeBase } from '../src/kb/knowledge-base-training.ts';
import { parseKnowledgeBase } from '../src/kb/knowledge-base.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../src/nlp/confidence-threshold.ts';
import type { IntentClassifier } from '../src/nlp/intent-classifier.ts';
import { detectLanguage } from '../src/nlp/language-detection.ts';
import { tokenize, cleanText } from '../src/nlp/text-cleaning.ts';
import { trainIntentClassifier } from '../src/nlp/train-intent-classifier.ts';
import type { VectorizerOptions } from '../src/nlp/tfidf-vectorizer.ts';
import { flag, report } from './intent-data.ts';

interface Fixture {
  knowledgeBase: unknown;
  heldOut: Record<string, string[]>;
  outOfDomain: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const file = positional[0] ?? join(here, 'fixtures', 'ja-smoke.json');
const fixture = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
const kb = parseKnowledgeBase(fixture.knowledgeBase);
const language = kb.languages[0] as string;
const seeds = flag('seeds', '1,2,3').split(',').map(Number);
const heldOut = Object.entries(fixture.heldOut).flatMap(([intent, texts]) =>
  texts.map((text) => ({ text, intent })),
);
const round = (x: number) => Number(x.toFixed(4));

function score(clf: IntentClassifier) {
  let correct = 0;
  let inScope = 0;
  for (const row of heldOut) {
    const p = clf.predict(row.text);
    if (p.intent === row.intent) correct++;
    if (!p.outOfScope) inScope++;
  }
  const ood = fixture.outOfDomain.filter((text) => clf.predict(text).outOfScope).length;
  return { correct, inScope, ood };
}

// The app's path (knowledge-base training: augmentation, the default threshold), then two ablations of the features.
const examples = kb.intents.flatMap((i) => i.examples.map((text) => ({ text, intent: i.id })));
const ablation = (vectorizer: Partial<VectorizerOptions>) => (seed: number) =>
  trainIntentClassifier(examples, {
    ...KNOWLEDGE_BASE_TRAINING,
    seed,
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    vectorizer,
  });
const variants: Record<string, (seed: number) => Promise<IntentClassifier> | IntentClassifier> = {
  'app (knowledge-base training)': async (seed) =>
    (await trainOnKnowledgeBase(kb, [], undefined, { seed, minConfidence: DEFAULT_MIN_CONFIDENCE }))
      .classifier,
  'segmenter words only (no char n-grams)': ablation({ cjkCharMax: 0, charMax: 0 }),
  'char n-grams only (no words)': ablation({ wordMax: 0 }),
};

const detected = heldOut.filter((r) => detectLanguage(r.text, [language, 'en']) === language).length;
report({
  figure: 'language detected among [kb language, en]',
  fixture: file.split('/').pop(),
  language,
  rows: heldOut.length,
  detected: round(detected / heldOut.length),
  example: { text: heldOut[0]?.text, words: tokenize(cleanText(heldOut[0]?.text ?? '')) },
});
for (const [name, train] of Object.entries(variants)) {
  let correct = 0;
  let inScope = 0;
  let ood = 0;
  const cpu0 = process.cpuUsage();
  for (const seed of seeds) {
    const s = score(await train(seed));
    correct += s.correct;
    inScope += s.inScope;
    ood += s.ood;
  }
  const cpu = process.cpuUsage(cpu0);
  report({
    figure: 'held-out phrasing accuracy (smoke set written by the project, not a benchmark)',
    fixture: file.split('/').pop(),
    language,
    variant: name,
    intents: kb.intents.length,
    trainExamples: examples.length,
    heldOutRows: heldOut.length,
    seeds: seeds.length,
    accuracy: round(correct / (heldOut.length * seeds.length)),
    heldOutInScopeAtThreshold: round(inScope / (heldOut.length * seeds.length)),
    outOfDomainFlagged: round(ood / (fixture.outOfDomain.length * seeds.length)),
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    cpuSecondsPerTraining: round((cpu.user + cpu.system) / 1e6 / seeds.length),
    load1: Number(loadavg()[0]!.toFixed(1)),
    reference: `none: no public intent data set in ${language} is in the shared data folder`,
  });
}
