// Open-intent detection on Banking77 with the protocol of Zhang, Xu and Lin (AAAI 2021, ADB): 25/50/75% known.
// Usage: tsx bench/open-intent.ts [train.csv] [test.csv] [--seeds=1,2,3,4,5] [--min-confidence=0.55]
//        [--shots=10 --regime=kb]   (the app's knowledge-base regime: N examples per intent, augmentation)
//
// For each known ratio and seed, a seeded random choice of intents is "known": the classifier trains on their
// train rows only, and every test row of another intent is gold "open". A message is predicted open when its
// calibrated confidence is below the threshold. The threshold rule is chosen on validation only: a 10% carve-out
// of the known intents' train rows, with a quarter of the known intents held back as pseudo-open, scored by a
// model trained on the rest of the carve-in. test.csv plays no part in that choice.
import { loadavg } from 'node:os';
import { accuracy, createRng, macroF1 } from '@suite/shared/ml';
import { DEFAULT_MIN_CONFIDENCE } from '../src/nlp/confidence-threshold.ts';
import { KNOWLEDGE_BASE_TRAINING } from '../src/kb/knowledge-base-training.ts';
import { trainIntentClassifier, type IntentTrainOptions } from '../src/nlp/train-intent-classifier.ts';
import {
  datasetName,
  flag,
  intentFilesFromArgs,
  readIntentCsv,
  report,
  type IntentRow,
} from './intent-data.ts';

const OPEN = '<open>';
const RATIOS = [0.25, 0.5, 0.75] as const;
const VALIDATION_FRACTION = 0.1;
const PSEUDO_OPEN_FRACTION = 0.25;
const GRID = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);

// Zhang, Xu and Lin 2021, BANKING, overall (accuracy, macro-F1 over known+open) and fine-grained (F1 of the open
// class, macro-F1 over known classes); as in the paper's tables and the authors' repository README.
const PAPER: Record<number, Record<string, Record<string, number>>> = {
  0.25: {
    ADB: { accuracy: 0.7885, macroF1: 0.7162, openF1: 0.8456, knownF1: 0.7094 },
    MSP: { accuracy: 0.4367, macroF1: 0.5009, openF1: 0.4143, knownF1: 0.5055 },
  },
  0.5: {
    ADB: { accuracy: 0.7886, macroF1: 0.809, openF1: 0.7844, knownF1: 0.8096 },
    MSP: { accuracy: 0.5973, macroF1: 0.7118, openF1: 0.4119, knownF1: 0.7197 },
  },
  0.75: {
    ADB: { accuracy: 0.8108, macroF1: 0.8596, openF1: 0.6647, knownF1: 0.8629 },
    MSP: { accuracy: 0.7589, macroF1: 0.836, openF1: 0.3923, knownF1: 0.8436 },
  },
};

const files = intentFilesFromArgs();
const train = readIntentCsv(files.train);
const test = readIntentCsv(files.test);
const seeds = flag('seeds', '1,2,3,4,5').split(',').map(Number);
const appDefault = Number(flag('min-confidence', String(DEFAULT_MIN_CONFIDENCE)));
const allIntents = [...new Set(train.map((r) => r.intent))].sort();
// Without --shots the known intents train on all their rows (the paper's setting); with it, on N rows each, and N
// other train rows per known intent are the validation set.
const shots = Number(flag('shots', '0'));
const regime = flag('regime', 'bench');
const trainOptions: Partial<IntentTrainOptions> = regime === 'kb' ? KNOWLEDGE_BASE_TRAINING : {};
const setting = `${shots > 0 ? `${shots} rows per known intent` : 'all rows of the known intents'}, ${
  regime === 'kb' ? 'knowledge-base training (augmentation)' : 'default training'
}`;
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Scored {
  gold: string;
  intent: string;
  confidence: number;
}

function pick<T>(items: readonly T[], fraction: number, seed: number): Set<T> {
  const shuffled = [...items];
  createRng(seed).shuffle(shuffled);
  return new Set(shuffled.slice(0, Math.round(items.length * fraction)));
}

function stratifiedSplit(rows: IntentRow[], fraction: number, seed: number) {
  const rng = createRng(seed);
  const byIntent = new Map<string, IntentRow[]>();
  for (const r of rows) byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), r]);
  const fit: IntentRow[] = [];
  const val: IntentRow[] = [];
  for (const intent of [...byIntent.keys()].sort()) {
    const group = byIntent.get(intent) as IntentRow[];
    rng.shuffle(group);
    const n = Math.round(group.length * fraction);
    val.push(...group.slice(0, n));
    fit.push(...group.slice(n));
  }
  return { fit, val };
}

/** The first `n` rows of each intent after a seeded shuffle, and the rest. */
function takeShots(rows: IntentRow[], n: number, seed: number) {
  const { fit, val } = stratifiedSplit(rows, 0, seed);
  const byIntent = new Map<string, number>();
  const taken: IntentRow[] = [];
  const rest: IntentRow[] = [];
  for (const r of [...fit, ...val]) {
    const k = byIntent.get(r.intent) ?? 0;
    (k < n ? taken : rest).push(r);
    byIntent.set(r.intent, k + 1);
  }
  return { taken, rest };
}

function score(rows: IntentRow[], known: Set<string>, trainRows: IntentRow[], seed: number): Scored[] {
  const clf = trainIntentClassifier(trainRows, { ...trainOptions, seed, minConfidence: 0 });
  return rows.map((r) => {
    const p = clf.predict(r.text);
    return { gold: known.has(r.intent) ? r.intent : OPEN, intent: p.intent, confidence: p.confidence };
  });
}

function metrics(scored: Scored[], threshold: number) {
  const predicted = scored.map((s) => (s.confidence < threshold ? OPEN : s.intent));
  const gold = scored.map((s) => s.gold);
  const openTp = predicted.filter((p, i) => p === OPEN && gold[i] === OPEN).length;
  const openPredicted = predicted.filter((p) => p === OPEN).length;
  const openGold = gold.filter((g) => g === OPEN).length;
  const knownIdx = gold.flatMap((g, i) => (g === OPEN ? [] : [i]));
  const recall = openGold === 0 ? 0 : openTp / openGold;
  const precision = openPredicted === 0 ? 0 : openTp / openPredicted;
  return {
    accuracy: accuracy(predicted, gold),
    macroF1: macroF1(predicted, gold),
    openRecall: recall,
    openPrecision: precision,
    openF1: recall + precision === 0 ? 0 : (2 * recall * precision) / (recall + precision),
    knownAccuracy: knownIdx.filter((i) => predicted[i] === gold[i]).length / knownIdx.length,
  };
}

type Metrics = ReturnType<typeof metrics>;
const mean = (ms: Metrics[]): Metrics => {
  const keys = Object.keys(ms[0] as Metrics) as (keyof Metrics)[];
  return Object.fromEntries(
    keys.map((k) => [k, round(ms.reduce((s, m) => s + m[k], 0) / ms.length)]),
  ) as Metrics;
};

const started = performance.now();
const cpu0 = process.cpuUsage();
const validation = new Map<number, Scored[][]>();
const tested = new Map<number, Scored[][]>();
for (const ratio of RATIOS) {
  for (const seed of seeds) {
    const known = pick(allIntents, ratio, seed);
    const trainKnown = train.filter((r) => known.has(r.intent));
    let fit: IntentRow[];
    let val: IntentRow[];
    let testTrain = trainKnown;
    if (shots > 0) {
      const { taken, rest } = takeShots(trainKnown, shots, seed);
      [fit, val, testTrain] = [taken, takeShots(rest, shots, seed + 1).taken, taken];
    } else ({ fit, val } = stratifiedSplit(trainKnown, VALIDATION_FRACTION, seed));
    const pseudoKnown = pick([...known].sort(), 1 - PSEUDO_OPEN_FRACTION, seed + 1000);
    const valScored = score(
      val,
      pseudoKnown,
      fit.filter((r) => pseudoKnown.has(r.intent)),
      seed,
    );
    validation.set(ratio, [...(validation.get(ratio) ?? []), valScored]);
    tested.set(ratio, [...(tested.get(ratio) ?? []), score(test, known, testTrain, seed)]);
  }
}

// One threshold for every ratio: the app cannot know how much of the world its knowledge base covers.
const validationF1 = GRID.map((t) => {
  const f1s = RATIOS.flatMap((ratio) => (validation.get(ratio) ?? []).map((s) => metrics(s, t).macroF1));
  return f1s.reduce((a, b) => a + b, 0) / f1s.length;
});
const best = GRID[validationF1.indexOf(Math.max(...validationF1))] as number;
report({
  bench: 'chatbot.open-intent.threshold',
  dataset: datasetName(files.train),
  setting,
  rule: 'calibrated confidence below t is open; t maximising mean validation macro-F1 over ratios and seeds',
  validationMacroF1ByThreshold: Object.fromEntries(GRID.map((t, i) => [t, round(validationF1[i] as number)])),
  chosen: best,
  appDefault,
});
for (const ratio of RATIOS) {
  const runs = tested.get(ratio) ?? [];
  for (const [name, t] of [
    ['app default', appDefault],
    ['validation-chosen', best],
  ] as const) {
    report({
      bench: 'chatbot.open-intent',
      dataset: datasetName(files.train),
      knownRatio: ratio,
      setting,
      threshold: `${name} ${t}`,
      seeds: seeds.length,
      ...mean(runs.map((s) => metrics(s, t))),
      // The paper trains on every labelled row: its figures belong beside that setting only.
      ...(shots === 0 && regime === 'bench' ? { reference: PAPER[ratio] } : {}),
    });
  }
}
const cpu = process.cpuUsage(cpu0);
report({
  bench: 'chatbot.open-intent.run',
  trainings: RATIOS.length * seeds.length * 2,
  wallSeconds: round((performance.now() - started) / 1000, 1),
  cpuSeconds: round((cpu.user + cpu.system) / 1e6, 1),
  loadAverage1m: round(loadavg()[0] ?? 0, 1),
});
