// Repeated stratified k-fold on a train.csv (test.csv is read only with --test): candidate intent models compared
// paired, each against the first, with the standard error of the paired difference.
// Usage: tsx bench/research/intent-cv.ts [train.csv] [--folds=5] [--repeats=2] [--only='name|name'] [--test=test.csv]
// --test reads the test file once instead: each chosen candidate trains on all of train.csv and scores it (use it
// only for the final candidates a cross-validation chose); memoised parts count their training CPU once.
import { loadavg } from 'node:os';
import { createRng } from '@suite/shared/ml';
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import { flag, intentFilesFromArgs, readIntentCsv, report } from '../intent-data.ts';
import {
  blend,
  fasttext,
  knn,
  svm,
  withNumberShapes,
  withPunctuation,
  type Candidate,
} from './candidates.ts';
import { neuralCandidates } from './neural-candidates.ts';

const rows = readIntentCsv(intentFilesFromArgs().train);
const folds = Number(flag('folds', '5'));
const repeats = Number(flag('repeats', '2'));
const only = flag('only', '');
const testFile = flag('test', '');

/** The app's own training (`trainIntentClassifier`) with extra options, scored by its top intent. */
function app(options: Partial<IntentTrainOptions> = {}): Candidate {
  return (fit, labels) => {
    const clf = trainIntentClassifier(fit, options);
    return (text) => {
      const out = new Float64Array(labels.length);
      out[labels.indexOf(clf.predict(text).intent)] = 1;
      return out;
    };
  };
}

// Vectorizer options of the SVM candidates: the unspaced-script defaults (keep n-grams seen once, words at 0.7).
const base = { minDf: 1, wordWeight: 0.7 };
const candidates: Record<string, Candidate> = {
  app: app(),
  'app, no char embeddings (the app before 30 Nov 17:00)': app({ charEmbeddings: false }),
  'app, char block weight 0.2': app({ charEmbeddings: { weight: 0.2 } }),
  'app, char block weight 0.4': app({ charEmbeddings: { weight: 0.4 } }),
  'app, char block k 16': app({ charEmbeddings: { dim: 16 } }),
  'app, char block k 48': app({ charEmbeddings: { dim: 48 } }),
  'app, char block window 1': app({ charEmbeddings: { window: 1 } }),
  'app, char block window 3': app({ charEmbeddings: { window: 3 } }),
  'app, spaced-script vectorizer (min df 2, words 1.5)': app({
    vectorizer: { minDf: 2, wordWeight: 1.5 },
  }),
  'app, svm solver c=1': app({ linear: { solver: 'svm', c: 1 } }),
  'app, refit 4 epochs': app({ refitEpochs: 4 }),
  'app, refit 6 epochs': app({ refitEpochs: 6 }),
  'app, refit 12 epochs': app({ refitEpochs: 12 }),
  'app, no held-out share (14 epochs on all)': app({ calibrationFraction: 0, linear: { epochs: 14 } }),
  'svm c=0.5': svm(base, { c: 0.5 }),
  'svm c=1': svm(base, { c: 1 }),
  'svm c=2': svm(base, { c: 2 }),
  'svm c=1 + punctuation marks': withPunctuation(svm(base, { c: 1 })),
  'svm c=1 + punctuation + number shapes': withNumberShapes(svm(base, { c: 1 })),
  'app + punctuation, min df 2 (words 0.7)': app({ vectorizer: { minDf: 2 } }),
  'app + punctuation, words 1.5 (min df 1)': app({ vectorizer: { wordWeight: 1.5 } }),
  'svm c=1, words 1-gram': svm({ ...base, wordMax: 1 }, { c: 1 }),
  'svm c=1, cjk char 1-3': svm({ ...base, cjkCharMax: 3 }, { c: 1 }),
  'nb-svm a=1 c=1': svm(base, { c: 1 }, { a: 1, power: 1 }),
  'nb-svm a=1 sqrt(r) c=1': svm(base, { c: 1 }, { a: 1, power: 0.5 }),
  'svm + unseen-bigram share 0.3': svm(base, { c: 1 }, undefined, { len: 0, oov: 0.3 }),
  'svm + length 0.5, unseen share 0.5': svm(base, { c: 1 }, undefined, { len: 0.5, oov: 0.5 }),
  'fasttext d50 15 epochs': fasttext(base, 50, 15, 0.5),
  'fasttext d100 20 epochs': fasttext(base, 100, 20, 0.5),
  'svm + 0.03 fasttext log-prob': blend(svm(base, { c: 1 }), fasttext(base, 50, 15, 0.5), 0.03),
  'svm + 0.1 fasttext log-prob': blend(svm(base, { c: 1 }), fasttext(base, 50, 15, 0.5), 0.1),
  'knn 5': knn(base, 5, 1),
  'svm + 0.3 knn 5': blend(svm(base, { c: 1 }), knn(base, 5, 1), 0.3),
  ...neuralCandidates(),
};

function argmax(a: Float64Array): number {
  let b = 0;
  for (let k = 1; k < a.length; k++) if ((a[k] as number) > (a[b] as number)) b = k;
  return b;
}

const labels = [...new Set(rows.map((r) => r.intent))].sort();
const names = Object.keys(candidates).filter((n) => only === '' || only.split('|').includes(n));
if (testFile !== '') {
  const test = readIntentCsv(testFile);
  for (const name of names) {
    const c0 = process.cpuUsage();
    const scorer = (candidates[name] as Candidate)(rows, labels);
    const c1 = process.cpuUsage(c0);
    const correct = test.filter((r) => labels[argmax(scorer(r.text))] === r.intent).length;
    report({
      figure: 'test accuracy',
      candidate: name,
      accuracy: Number((correct / test.length).toFixed(4)),
      correct,
      rows: test.length,
      trainCpuS: Number(((c1.user + c1.system) / 1e6).toFixed(3)),
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
  }
  process.exit(0);
}
const hits = new Map<string, number[]>(names.map((n) => [n, []]));
const cpu = new Map(names.map((n) => [n, 0]));
for (let rep = 0; rep < repeats; rep++) {
  const rng = createRng(100 + rep);
  const fold = new Int32Array(rows.length);
  const byIntent = new Map<string, number[]>();
  rows.forEach((r, i) => byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), i]));
  for (const key of [...byIntent.keys()].sort()) {
    const group = byIntent.get(key) as number[];
    rng.shuffle(group);
    group.forEach((i, n) => (fold[i] = n % folds));
  }
  for (let f = 0; f < folds; f++) {
    const fit = rows.filter((_, i) => fold[i] !== f);
    const val = rows.filter((_, i) => fold[i] === f);
    for (const name of names) {
      const c0 = process.cpuUsage();
      const scorer = (candidates[name] as Candidate)(fit, labels);
      const c1 = process.cpuUsage(c0);
      cpu.set(name, (cpu.get(name) as number) + (c1.user + c1.system) / 1e6);
      const list = hits.get(name) as number[];
      for (const r of val) list.push(labels[argmax(scorer(r.text))] === r.intent ? 1 : 0);
    }
  }
}
const first = hits.get(names[0] as string) as number[];
for (const name of names) {
  const h = hits.get(name) as number[];
  const d = h.map((x, i) => x - (first[i] as number));
  const mean = d.reduce((a, b) => a + b, 0) / d.length;
  const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, d.length - 1));
  report({
    figure: 'cross-validated accuracy',
    candidate: name,
    folds,
    repeats,
    accuracy: Number((h.reduce((a, b) => a + b, 0) / h.length).toFixed(4)),
    pairedPointsVsFirst: Number((100 * mean).toFixed(2)),
    pairedStandardError: Number(((100 * sd) / Math.sqrt(d.length)).toFixed(2)),
    trainCpuS: Number(((cpu.get(name) as number) / (folds * repeats)).toFixed(3)),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}
