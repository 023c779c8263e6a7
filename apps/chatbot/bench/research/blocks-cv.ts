// Repeated stratified k-fold on a train.csv (test.csv is never read) for feature blocks, learners and blends: each
// candidate's hits paired with the first candidate's. `--confusions=name` prints that candidate's top confusions.
// Usage: tsx bench/research/blocks-cv.ts [train.csv] [--folds=5] [--repeats=3] [--only='a|b'] [--confusions=a]
import { loadavg } from 'node:os';
import { createRng } from '@suite/shared/ml';
import { flag, intentFilesFromArgs, readIntentCsv, report } from '../intent-data.ts';
import { BLOCK_CANDIDATES } from './block-candidates.ts';
import { toMessage } from './feature-blocks.ts';
import type { Learner } from './block-learners.ts';

const rows = readIntentCsv(intentFilesFromArgs().train);
const folds = Number(flag('folds', '5'));
const repeats = Number(flag('repeats', '3'));
const only = flag('only', '');
const confusionsOf = flag('confusions', '');

const labels = [...new Set(rows.map((r) => r.intent))].sort();
const msgs = rows.map((r) => toMessage(r.text));
const ys = Int32Array.from(rows, (r) => labels.indexOf(r.intent));
const names = Object.keys(BLOCK_CANDIDATES).filter((n) => only === '' || only.split('|').includes(n));
if (names.length === 0) throw new Error(`no candidate matches --only=${only}`);
const hits = new Map<string, number[]>(names.map((n) => [n, []]));
const cpu = new Map(names.map((n) => [n, 0]));
const confusions = new Map<string, number>();

function argmax(a: Float64Array): number {
  let b = 0;
  for (let k = 1; k < a.length; k++) if ((a[k] as number) > (a[b] as number)) b = k;
  return b;
}

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
    const fitIdx = rows.map((_, i) => i).filter((i) => fold[i] !== f);
    const valIdx = rows.map((_, i) => i).filter((i) => fold[i] === f);
    for (const name of names) {
      const c0 = process.cpuUsage();
      const scorer = (BLOCK_CANDIDATES[name] as Learner)(
        fitIdx.map((i) => msgs[i]!),
        Int32Array.from(fitIdx, (i) => ys[i] as number),
        labels.length,
      );
      const c1 = process.cpuUsage(c0);
      cpu.set(name, (cpu.get(name) as number) + (c1.user + c1.system) / 1e6);
      const list = hits.get(name) as number[];
      for (const i of valIdx) {
        const p = argmax(scorer(msgs[i]!));
        list.push(p === ys[i] ? 1 : 0);
        if (name === confusionsOf && p !== ys[i]) {
          const key = `${labels[ys[i] as number]} -> ${labels[p]}`;
          confusions.set(key, (confusions.get(key) ?? 0) + 1);
        }
      }
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
if (confusionsOf !== '')
  report({
    figure: 'top confusions (true -> predicted, summed over repeats)',
    candidate: confusionsOf,
    confusions: [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 25),
  });
