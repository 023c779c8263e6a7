// Honest tuning: accuracy on a stratified validation carve-out of train.csv (test.csv is never read here).
// Usage: tsx bench/tune-validation.ts [train.csv] [--val=0.15] [--split-seed=7] [--options='{"vectorizer":{"wordWeight":1.5}}']
import { loadavg } from 'node:os';
import { accuracy, createRng, macroF1 } from '@suite/shared/ml';
import { trainIntentClassifier, type IntentTrainOptions } from '../src/nlp/train-intent-classifier.ts';
import { flag, intentFilesFromArgs, readIntentCsv, report, type IntentRow } from './intent-data.ts';

const rows = readIntentCsv(intentFilesFromArgs().train);
const fraction = Number(flag('val', '0.15'));
const rng = createRng(Number(flag('split-seed', '7')));
const options = JSON.parse(flag('options', '{}')) as Partial<IntentTrainOptions>;

const byIntent = new Map<string, IntentRow[]>();
for (const r of rows) byIntent.set(r.intent, [...(byIntent.get(r.intent) ?? []), r]);
const fit: IntentRow[] = [];
const val: IntentRow[] = [];
for (const group of byIntent.values()) {
  rng.shuffle(group);
  const n = Math.round(group.length * fraction);
  val.push(...group.slice(0, n));
  fit.push(...group.slice(n));
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const clf = trainIntentClassifier(fit, options);
const wallS = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const predicted = val.map((r) => clf.predict(r.text).intent);
const gold = val.map((r) => r.intent);
// Mean per-intent recall: the accuracy a test set with equal intents (as Banking77's) would show.
const recall = [...byIntent.keys()].map((intent) => {
  const idx = gold.flatMap((g, i) => (g === intent ? [i] : []));
  return idx.filter((i) => predicted[i] === intent).length / Math.max(1, idx.length);
});
report({
  figure: 'validation accuracy',
  options,
  fit: fit.length,
  validation: val.length,
  accuracy: Number(accuracy(predicted, gold).toFixed(4)),
  balancedAccuracy: Number((recall.reduce((a, b) => a + b, 0) / recall.length).toFixed(4)),
  macroF1: Number(macroF1(predicted, gold).toFixed(4)),
  trainWallS: Number(wallS.toFixed(2)),
  trainCpuS: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
  load1: Number(loadavg()[0]!.toFixed(1)),
});
