// Smoke measurement for a language without a public data set: a project-written knowledge base, held-out phrasings
// of each intent and out-of-domain messages (bench/fixtures/<lang>-smoke.json). Trained the way the app trains a
// knowledge base; small and written by the project, so it shows the language works, not how well it ranks. A fixture
// with `demo` instead of `knowledgeBase` measures the shipped demo in those languages (merged, as the app serves
// it): then a held-out phrasing is right when its intent is and it is answered in the fixture's `language`.
// Usage: tsx bench/language-smoke.ts [fixture.json] [--seeds=1,2,3] [--demo=en,zh,es]
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KNOWLEDGE_BASE_TRAINING, trainOnKnowledgeBase } from '../src/kb/knowledge-base-training.ts';
import { DEMO_LANGUAGES, getDemoKnowledgeBase, type DemoLanguage } from '../src/kb/demo-knowledge-bases.ts';
import { parseKnowledgeBase } from '../src/kb/knowledge-base.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../src/nlp/confidence-threshold.ts';
import type { IntentClassifier } from '../src/nlp/intent-classifier.ts';
import { detectLanguage } from '../src/nlp/language-detection.ts';
import { tokenize, cleanText } from '../src/nlp/text-cleaning.ts';
import { trainIntentClassifier, type IntentTrainOptions } from '../src/nlp/train-intent-classifier.ts';
import { flag, report } from './intent-data.ts';

interface Fixture {
  knowledgeBase?: unknown;
  /** The shipped demo's languages to measure instead of `knowledgeBase`. */
  demo?: string[];
  /** The language of the held-out phrasings (default: the knowledge base's first). */
  language?: string;
  heldOut: Record<string, string[]>;
  outOfDomain: string[];
}

const here = dirname(fileURLToPath(import.meta.url));
const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const file = positional[0] ?? join(here, 'fixtures', 'ja-smoke.json');
const fixture = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
const demoFlag = flag('demo', '');
const demo = demoFlag === '' ? fixture.demo : demoFlag.split(',');
if (demo?.some((l) => !(DEMO_LANGUAGES as readonly string[]).includes(l)))
  throw new Error(`demo languages are ${DEMO_LANGUAGES.join(', ')}, not ${demo.join(', ')}`);
const kb =
  demo === undefined
    ? parseKnowledgeBase(fixture.knowledgeBase)
    : getDemoKnowledgeBase(demo as DemoLanguage[]);
const language = fixture.language ?? (kb.languages[0] as string);
// A demo serves several languages: a right answer is the right intent in the message's own language.
const declared = demo === undefined ? [language, 'en'] : kb.languages;
const seeds = flag('seeds', '1,2,3').split(',').map(Number);
const heldOut = Object.entries(fixture.heldOut).flatMap(([intent, texts]) =>
  texts.map((text) => ({ text, intent })),
);
const round = (x: number) => Number(x.toFixed(4));

function score(clf: IntentClassifier) {
  let correct = 0;
  let inScope = 0;
  let answered = 0;
  for (const row of heldOut) {
    // As the service does: the detected language picks its temperature when the classifier has one per language.
    const detected = detectLanguage(row.text, declared);
    const p = clf.predict(row.text, undefined, detected);
    const right = p.intent === row.intent && detected === language;
    if (right) correct++;
    if (!p.outOfScope) inScope++;
    if (right && !p.outOfScope) answered++;
  }
  const ood = fixture.outOfDomain.filter(
    (text) => clf.predict(text, undefined, detectLanguage(text, declared)).outOfScope,
  ).length;
  return { correct, inScope, answered, ood };
}

// The app's path (knowledge-base training: augmentation, the default threshold), then two ablations of the features.
const examples = kb.intents.flatMap((i) => i.examples.map((text) => ({ text, intent: i.id })));
const ablation = (options: Partial<IntentTrainOptions>) => (seed: number) =>
  trainIntentClassifier(examples, {
    ...KNOWLEDGE_BASE_TRAINING,
    seed,
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    ...options,
  });
const variants: Record<string, (seed: number) => Promise<IntentClassifier> | IntentClassifier> = {
  'app (knowledge-base training)': async (seed) =>
    (await trainOnKnowledgeBase(kb, [], undefined, { seed, minConfidence: DEFAULT_MIN_CONFIDENCE }))
      .classifier,
  'segmenter words only (no char n-grams)': ablation({ vectorizer: { cjkCharMax: 0, charMax: 0 } }),
  'char n-grams only (no words)': ablation({ vectorizer: { wordMax: 0 } }),
  'app without character embeddings': ablation({ charEmbeddings: false }),
  'app without the character table': ablation({ charTable: false }),
};

const detected = heldOut.filter((r) => detectLanguage(r.text, declared) === language).length;
report({
  figure: `language detected among [${declared.join(', ')}]`,
  fixture: file.split('/').pop(),
  language,
  demo,
  rows: heldOut.length,
  detected: round(detected / heldOut.length),
  example: { text: heldOut[0]?.text, words: tokenize(cleanText(heldOut[0]?.text ?? '')) },
});
for (const [name, train] of Object.entries(variants)) {
  let correct = 0;
  let inScope = 0;
  let answered = 0;
  let ood = 0;
  const cpu0 = process.cpuUsage();
  for (const seed of seeds) {
    const s = score(await train(seed));
    correct += s.correct;
    inScope += s.inScope;
    answered += s.answered;
    ood += s.ood;
  }
  const cpu = process.cpuUsage(cpu0);
  report({
    figure: 'held-out phrasing accuracy (smoke set written by the project, not a benchmark)',
    fixture: file.split('/').pop(),
    language,
    demo,
    variant: name,
    intents: kb.intents.length,
    trainExamples: examples.length,
    heldOutRows: heldOut.length,
    seeds: seeds.length,
    accuracy: round(correct / (heldOut.length * seeds.length)),
    heldOutInScopeAtThreshold: round(inScope / (heldOut.length * seeds.length)),
    // Right and above the threshold: the knowledge base's answer, not "not understood".
    answeredRightAtThreshold: round(answered / (heldOut.length * seeds.length)),
    outOfDomainFlagged: round(ood / (fixture.outOfDomain.length * seeds.length)),
    minConfidence: DEFAULT_MIN_CONFIDENCE,
    cpuSecondsPerTraining: round((cpu.user + cpu.system) / 1e6 / seeds.length),
    load1: Number(loadavg()[0]!.toFixed(1)),
    reference: `none: no public intent data set in ${language} is in the shared data folder`,
  });
}
