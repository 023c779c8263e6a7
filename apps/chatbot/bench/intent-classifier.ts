// Intent classifier benchmark: accuracy, macro-F1, calibration, OOS, training time and latency, with and without augmentation.
// Usage: tsx bench/intent-classifier.ts [train.csv] [test.csv] [--seed=1] [--shots=10] [--min-confidence=0.55]
//        [--options='<IntentTrainOptions JSON>'] [--quick]
// Any `text,category` files work; reference figures print only beside the data set they were measured on.
import { loadavg } from 'node:os';
import { createRng } from '@suite/shared/ml';
import { DEFAULT_MIN_CONFIDENCE } from '../src/nlp/confidence-threshold.ts';
import { trainIntentClassifier, type IntentTrainOptions } from '../src/nlp/train-intent-classifier.ts';
import type { IntentClassifier } from '../src/nlp/intent-classifier.ts';
import { createSentenceEncoder } from '../src/embeddings/sentence-encoder.ts';
import { flag, intentFilesFromArgs, readIntentCsv, report, type IntentRow } from './intent-data.ts';
import { scoreIntents } from './intent-metrics.ts';
import { identifyDataset, referencesFor } from './intent-references.ts';

const files = intentFilesFromArgs();
const train = readIntentCsv(files.train);
const test = readIntentCsv(files.test);
const seed = Number(flag('seed', '1'));
const shots = Number(flag('shots', '10'));
const quick = process.argv.includes('--quick');
// Out-of-scope threshold on the calibrated confidence: the app's CHAT_MIN_CONFIDENCE default unless overridden.
const minConfidence = Number(flag('min-confidence', String(DEFAULT_MIN_CONFIDENCE)));
const dataset = identifyDataset(files);
const references = referencesFor(dataset);
/** `{ reference }` for a report line when this data set has one, nothing otherwise. */
const ref = (figures: Record<string, number> | undefined) =>
  figures && Object.keys(figures).length > 0 ? { reference: figures } : {};
// Extra training options for every run, e.g. --options='{"vectorizer":{"accents":"keep"}}'.
const extra = JSON.parse(flag('options', '{}')) as Partial<IntentTrainOptions>;

function sampleShots(rows: IntentRow[], k: number): IntentRow[] {
  const rng = createRng(seed);
  const byIntent = new Map<string, IntentRow[]>();
  for (const r of rows) byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), r]);
  return [...byIntent.values()].flatMap((group) => {
    rng.shuffle(group);
    return group.slice(0, k);
  });
}

function evaluate(clf: IntentClassifier, testEmbeddings?: Float32Array[]) {
  return scoreIntents(
    test.map((row, i) => {
      const p = clf.predict(row.text, testEmbeddings?.[i]);
      return { gold: row.intent, intent: p.intent, outOfScope: p.outOfScope, confidence: p.confidence };
    }),
  );
}

function run(
  name: string,
  rows: IntentRow[],
  options: Partial<IntentTrainOptions>,
  reference: Record<string, number> | undefined,
  testEmbeddings?: Float32Array[],
) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const clf = trainIntentClassifier(rows, { seed, minConfidence, ...extra, ...options });
  const trainSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  // CPU seconds are steadier than wall time on a shared machine: other processes' load does not count.
  const cpuSeconds = (used.user + used.system) / 1e6;
  const m = evaluate(clf, testEmbeddings);
  const head = { dataset, variant: name, trainRows: rows.length, testRows: test.length };
  if (m.kind === 'closed-set')
    report({
      bench: 'chatbot.intent',
      ...head,
      accuracy: round(m.accuracy),
      macroF1: round(m.macroF1),
      ...ref(reference),
    });
  else
    // A test file with `oos` rows: no closed-set accuracy (it would count every `oos` row as wrong), and no
    // closed-set reference beside it.
    report({
      bench: 'chatbot.intent',
      ...head,
      minConfidence: clf.data.minConfidence,
      inScopeRows: m.inScopeRows,
      oosRows: m.oosRows,
      inScopeAccuracy: round(m.inScopeAccuracy),
      oosRecall: round(m.oosRecall),
      oosPrecision: round(m.oosPrecision),
    });
  report({
    bench: 'chatbot.intent.train',
    dataset,
    variant: name,
    trainSeconds: round(trainSeconds, 2),
    cpuSeconds: round(cpuSeconds, 2),
    loadAverage1m: round(loadavg()[0] ?? 0, 1),
    includes:
      'cleaning, augmentation, features, fit on 90%, temperature, 2 epochs on all (+ offsets, unspaced sets; + hidden layer, spaced sets of 40+ per intent)',
    ...ref(references?.trainSeconds),
  });
  report({
    bench: 'chatbot.intent.calibration',
    dataset,
    variant: name,
    ece: round(m.ece),
    temperature: round(clf.data.temperature),
  });
  return clf;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

const full = run('full, no augmentation', train, { augment: false }, references?.accuracy);
if (!quick)
  run(
    'full, augmentation (1 variant each)',
    train,
    { augment: { variantsPerUtterance: 1 } },
    references?.accuracy,
  );
const few = sampleShots(train, shots);
run(`${shots}-shot, no augmentation`, few, { augment: false }, references?.fewShot);
run(
  `${shots}-shot, augmentation (4 variants each)`,
  few,
  { augment: { variantsPerUtterance: 4 } },
  references?.fewShot,
);

// With a local sentence encoder (EMBEDDING_MODEL_DIR, e.g. all-MiniLM-L6-v2), embeddings join the features.
if (process.env.EMBEDDING_MODEL_DIR) {
  const encoder = await createSentenceEncoder(process.env.EMBEDDING_MODEL_DIR);
  // As the app trains and predicts: examples and messages both behind the query prompt.
  const trainVectors = await encoder.embed(
    train.map((r) => r.text),
    'query',
  );
  const testVectors = await encoder.embed(
    test.map((r) => r.text),
    'query',
  );
  const withEmbeddings = train.map((r, i) => ({ ...r, embedding: trainVectors[i] }));
  run(
    `full + embeddings (${encoder.modelDir})`,
    withEmbeddings,
    { augment: false },
    references?.accuracy,
    testVectors,
  );
}

// Latency: one utterance at a time, the whole predict path (clean, features, scores, calibrated softmax, ranking).
const timings: number[] = [];
const cpuTimings: number[] = [];
for (let i = 0; i < 300; i++) full.predict(test[i % test.length]!.text);
for (const row of test) {
  const cpu = process.cpuUsage();
  const t = performance.now();
  full.predict(row.text);
  timings.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  cpuTimings.push((used.user + used.system) / 1000);
}
// Wall time includes being descheduled on a busy machine; CPU time (microsecond resolution) does not.
const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!, 3);
};
report({
  bench: 'chatbot.intent.latency',
  dataset,
  utterances: timings.length,
  p50Ms: pct(timings, 0.5),
  p99Ms: pct(timings, 0.99),
  cpuP50Ms: pct(cpuTimings, 0.5),
  cpuP99Ms: pct(cpuTimings, 0.99),
  loadAverage1m: round(loadavg()[0] ?? 0, 1),
  ...ref(references?.latencyMs),
});
