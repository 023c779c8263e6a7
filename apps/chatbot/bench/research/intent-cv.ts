// Repeated stratified k-fold on a train.csv (test.csv is read only with --test): candidate intent models compared
// paired, each against the first, with the standard error of the paired difference.
// Usage: tsx bench/research/intent-cv.ts [train.csv] [--folds=5] [--repeats=2] [--only='first|second'] [--test=test.csv]
// [--confusions=name] (that candidate's top confusions as well) [--first-repeat=0] (3: fresh folds after 3 repeats)
// --test reads the test file once instead: each chosen candidate trains on all of train.csv and scores it (use it
// only for the final candidates a cross-validation chose); memoised parts count their training CPU once.
import { trainIntentClassifier, type IntentTrainOptions } from '../../src/nlp/train-intent-classifier.ts';
import { flag, intentFilesFromArgs, readIntentCsv, type IntentRow } from '../intent-data.ts';
import { argmax, runPairedCv, runTestRead } from './fold-loop.ts';
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
import { gapCandidates } from './gap-candidates.ts';
import { spacedCandidates } from './spaced-candidates.ts';
import { lmCandidates } from './lm-candidates.ts';
import { lexicalCandidates } from './lexical-candidates.ts';
import { lexiconCandidates } from './lexicon-marks.ts';
import { learnerCandidates } from './learner-candidates.ts';
import { pruneCandidates } from './label-noise.ts';
import { spellingCandidates, winkCandidates, wordPairCandidates } from './spelling-candidates.ts';
import { tableWeightingCandidates } from './table-weighting.ts';
import { distillCandidates } from './distill-candidates.ts';
import { prototypeCandidates } from './prototype-candidates.ts';
import { retrievalCandidates } from './retrieval-candidates.ts';
import { confusionCandidates } from './confusion-experts.ts';
import { frameCandidates } from './frame-stripping.ts';
import { jiebaCandidates } from './jieba-words.ts';
import { tableCandidates } from './table-candidates.ts';
import { lookupCandidates } from './lookup-candidates.ts';
import { minedListCandidates } from './mined-lists.ts';
import { lookupMaskingCandidates } from './lookup-masking.ts';

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
  'app, no class offsets (the app before 30 Nov 18:30)': app({ classOffsets: false, charTable: false }),
  'app, no hidden layer (Banking77: the app before 30 Nov 21:00)': app({ hiddenLayer: false }),
  'app, no class offsets, 0.2 share': app({ classOffsets: false, calibrationFraction: 0.2 }),
  'app, class offsets on a 0.1 share': app({ classOffsets: { fraction: 0.1 } }),
  'app, no char table (the app before 30 Nov 20:00)': app({ charTable: false, hiddenLayer: false }),
  'app, char table weight 0.2': app({ charTable: { weight: 0.2 }, hiddenLayer: false }),
  'app, char table weight 0.4': app({ charTable: { weight: 0.4 }, hiddenLayer: false }),
  'app, char table, no class offsets': app({ classOffsets: false, hiddenLayer: false }),
  'app, hidden-layer member': app({ hiddenLayer: {} }),
  'app, offsets lambda 0.01': app({ classOffsets: { lambda: 0.01 } }),
  'app, offsets lambda 0.001': app({ classOffsets: { lambda: 0.001 } }),
  'app, offsets share 0.25': app({ classOffsets: { fraction: 0.25 } }),
  'app, own char block 0.4': app({ charEmbeddings: { weight: 0.4 } }),
  'app, own char block 0.2': app({ charEmbeddings: { weight: 0.2 } }),
  'app, member not in the offsets': app({ hiddenLayer: { inOffsets: false } }),
  'app, member, no class offsets': app({ classOffsets: false, hiddenLayer: {} }),
  'app, member weight 0.4': app({ hiddenLayer: { weight: 0.4 } }),
  'app, member weight 0.6': app({ hiddenLayer: { weight: 0.6 } }),
  'app, member 10 epochs': app({ hiddenLayer: { epochs: 10 } }),
  'app, member h128': app({ hiddenLayer: { hidden: 128 } }),
  'app, member char weight 0.3': app({ hiddenLayer: { charWeight: 0.3 } }),
  'app, member input dropout 0.4': app({ hiddenLayer: { inputDropout: 0.4 } }),
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
  ...gapCandidates(),
  ...spacedCandidates(),
  ...lmCandidates(),
  ...lexicalCandidates(),
  ...lexiconCandidates(),
  ...learnerCandidates(),
  ...spellingCandidates(),
  ...wordPairCandidates(),
  ...winkCandidates(),
  ...pruneCandidates(),
  ...tableWeightingCandidates(),
  ...distillCandidates(),
  ...prototypeCandidates(),
  ...retrievalCandidates(),
  ...confusionCandidates(),
  ...frameCandidates(),
  ...jiebaCandidates(),
  ...tableCandidates(),
  ...lookupCandidates(),
  ...minedListCandidates(),
  ...lookupMaskingCandidates(),
};

const labels = [...new Set(rows.map((r) => r.intent))].sort();
// --only also sets the order: its first name is the reference every other is paired with.
const names = only === '' ? Object.keys(candidates) : only.split('|');
const unknown = names.filter((n) => !(n in candidates));
if (unknown.length > 0) throw new Error(`no candidate named ${unknown.join(', ')}`);
if (testFile !== '') {
  const test = readIntentCsv(testFile);
  runTestRead({
    names,
    testLabels: test.map((r) => r.intent),
    train: (name) => {
      const scorer = (candidates[name] as Candidate)(rows, labels);
      return (i) => labels[argmax(scorer(test[i]!.text))]!;
    },
  });
  process.exit(0);
}
const ys = Int32Array.from(rows, (r) => labels.indexOf(r.intent));
// One row array per fold, shared by every candidate: memoised candidates (neural-candidates.ts) key on it.
const fitRows = new WeakMap<number[], IntentRow[]>();
runPairedCv({
  ys,
  labelNames: labels,
  names,
  folds,
  repeats,
  firstRepeat: Number(flag('first-repeat', '0')),
  confusionsOf: flag('confusions', ''),
  train: (name, fit) => {
    let fold = fitRows.get(fit);
    if (fold === undefined) fitRows.set(fit, (fold = fit.map((i) => rows[i] as IntentRow)));
    const scorer = (candidates[name] as Candidate)(fold, labels);
    return (i) => argmax(scorer((rows[i] as IntentRow).text));
  },
});
