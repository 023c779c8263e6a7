// Honest tuning: accuracy on stratified validation carve-outs of train.csv (test.csv is never read here).
// Usage: tsx bench/tune-validation.ts [train.csv] [--val=0.15] [--split-seeds=7,11,13]
//        [--options='<IntentTrainOptions JSON, or an array of them to compare>']
import { loadavg } from 'node:os';
import { accuracy, createRng, macroF1 } from '@suite/shared/ml';
import { trainIntentClassifier, type IntentTrainOptions } from '../src/nlp/train-intent-classifier.ts';
import {
  datasetName,
  flag,
  intentFilesFromArgs,
  readIntentCsv,
  report,
  type IntentRow,
} from './intent-data.ts';

const file = intentFilesFromArgs().train;
const rows = readIntentCsv(file);
const fraction = Number(flag('val', '0.15'));
const splitSeeds = flag('split-seeds', flag('split-seed', '7')).split(',').map(Number);
const parsed = JSON.parse(flag('options', '{}')) as
  Partial<IntentTrainOptions> | Partial<IntentTrainOptions>[];
const candidates = Array.isArray(parsed) ? parsed : [parsed];

function split(seed: number): { fit: IntentRow[]; val: IntentRow[] } {
  const rng = createRng(seed);
  const byIntent = new Map<string, IntentRow[]>();
  for (const r of rows) byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), r]);
  const fit: IntentRow[] = [];
  const val: IntentRow[] = [];
  for (const group of [...byIntent.keys()].sort().map((k) => byIntent.get(k) as IntentRow[])) {
    rng.shuffle(group);
    const n = Math.round(group.length * fraction);
    val.push(...group.slice(0, n));
    fit.push(...group.slice(n));
  }
  return { fit, val };
}

const splits = splitSeeds.map((seed) => ({ seed, ...split(seed) }));
const round = (x: number) => Number(x.toFixed(4));
for (const options of candidates) {
  const perSplit: Record<number, number> = {};
  let sumAcc = 0;
  let sumF1 = 0;
  let cpuTotal = 0;
  for (const { seed, fit, val } of splits) {
    const cpu0 = process.cpuUsage();
    const clf = trainIntentClassifier(fit, options);
    const cpu = process.cpuUsage(cpu0);
    cpuTotal += (cpu.user + cpu.system) / 1e6;
    const predicted = val.map((r) => clf.predict(r.text).intent);
    const gold = val.map((r) => r.intent);
    const acc = accuracy(predicted, gold);
    perSplit[seed] = round(acc);
    sumAcc += acc;
    sumF1 += macroF1(predicted, gold);
  }
  report({
    figure: 'validation accuracy',
    dataset: datasetName(file),
    options,
    validationRows: splits[0]?.val.length,
    perSplit,
    meanAccuracy: round(sumAcc / splits.length),
    meanMacroF1: round(sumF1 / splits.length),
    trainCpuS: round(cpuTotal / splits.length),
    load1: Number(loadavg()[0]!.toFixed(1)),
  });
}
