// The research benches' one cross-validation loop: repeated stratified k-fold (seeded per repeat, so every bench
// and every candidate sees the same folds), each candidate's hits paired with the first candidate's; and their one
// read of test.csv for the final candidates.
import { loadavg } from 'node:os';
import { createRng } from '@suite/shared/ml';
import { report } from '../intent-data.ts';

/** Fold of each row (0..folds-1): each label's rows shuffled by the repeat's seed and dealt round-robin. */
export function stratifiedFolds(labels: readonly string[], folds: number, repeat: number): Int32Array {
  const rng = createRng(100 + repeat);
  const fold = new Int32Array(labels.length);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => byLabel.set(l, [...(byLabel.get(l) ?? []), i]));
  for (const key of [...byLabel.keys()].sort()) {
    const group = byLabel.get(key) as number[];
    rng.shuffle(group);
    group.forEach((i, n) => (fold[i] = n % folds));
  }
  return fold;
}

/** Index of the highest score (the first on ties). */
export function argmax(a: ArrayLike<number>): number {
  let b = 0;
  for (let k = 1; k < a.length; k++) if ((a[k] as number) > (a[b] as number)) b = k;
  return b;
}

/** Trains one candidate on the rows `fit` and returns its predicted label index for a held-out row. */
export type FoldTrainer = (name: string, fit: number[]) => (row: number) => number;

export interface CvOptions {
  /** True label index of every row. */
  ys: Int32Array;
  labelNames: readonly string[];
  names: readonly string[];
  folds: number;
  repeats: number;
  /** Seed index of the first repeat (0 unless fresh folds are wanted, e.g. to confirm a choice made on 0..n-1). */
  firstRepeat?: number;
  train: FoldTrainer;
  /** Candidate whose top confusions (true -> predicted) are reported as well. */
  confusionsOf?: string;
}

/**
 * Runs every candidate over the same folds and prints one JSON line per candidate: accuracy, the paired difference
 * to the first candidate in points with its standard error, and training CPU seconds per fold.
 */
export function runPairedCv(o: CvOptions): void {
  const hits = new Map<string, number[]>(o.names.map((n) => [n, []]));
  const cpu = new Map(o.names.map((n) => [n, 0]));
  const confusions = new Map<string, number>();
  const strings = Array.from(o.ys, (y) => o.labelNames[y] as string);
  const from = o.firstRepeat ?? 0;
  for (let rep = from; rep < from + o.repeats; rep++) {
    const fold = stratifiedFolds(strings, o.folds, rep);
    for (let f = 0; f < o.folds; f++) {
      const fitIdx: number[] = [];
      const valIdx: number[] = [];
      fold.forEach((g, i) => (g === f ? valIdx : fitIdx).push(i));
      for (const name of o.names) {
        const c0 = process.cpuUsage();
        const predict = o.train(name, fitIdx);
        const c1 = process.cpuUsage(c0);
        cpu.set(name, (cpu.get(name) as number) + (c1.user + c1.system) / 1e6);
        const list = hits.get(name) as number[];
        for (const i of valIdx) {
          const p = predict(i);
          list.push(p === o.ys[i] ? 1 : 0);
          if (name === o.confusionsOf && p !== o.ys[i]) {
            const key = `${o.labelNames[o.ys[i] as number]} -> ${o.labelNames[p]}`;
            confusions.set(key, (confusions.get(key) ?? 0) + 1);
          }
        }
      }
    }
  }
  const first = hits.get(o.names[0] as string) as number[];
  for (const name of o.names) {
    const h = hits.get(name) as number[];
    const d = h.map((x, i) => x - (first[i] as number));
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    const sd = Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, d.length - 1));
    report({
      figure: 'cross-validated accuracy',
      candidate: name,
      folds: o.folds,
      repeats: o.repeats,
      ...(from === 0 ? {} : { firstRepeat: from }),
      accuracy: Number((h.reduce((a, b) => a + b, 0) / h.length).toFixed(4)),
      pairedPointsVsFirst: Number((100 * mean).toFixed(2)),
      pairedStandardError: Number(((100 * sd) / Math.sqrt(d.length)).toFixed(2)),
      trainCpuS: Number(((cpu.get(name) as number) / (o.folds * o.repeats)).toFixed(3)),
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
  }
  if (o.confusionsOf !== undefined && o.confusionsOf !== '')
    report({
      figure: 'top confusions (true -> predicted, summed over repeats)',
      candidate: o.confusionsOf,
      confusions: [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 25),
    });
}

export interface TestReadOptions {
  names: readonly string[];
  /** The true label of every test row. */
  testLabels: readonly string[];
  /** Trains one candidate on all of train.csv and returns its predicted label for a test row. */
  train: (name: string) => (row: number) => string;
}

/**
 * Trains each candidate once on all of train.csv and scores test.csv with it, printing one JSON line per candidate:
 * test accuracy, training CPU and wall seconds. Only for the candidates a cross-validation chose.
 */
export function runTestRead(o: TestReadOptions): void {
  for (const name of o.names) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const predict = o.train(name);
    const c1 = process.cpuUsage(c0);
    const trainWallS = (performance.now() - t0) / 1000;
    const correct = o.testLabels.filter((label, i) => predict(i) === label).length;
    report({
      figure: 'test accuracy',
      candidate: name,
      accuracy: Number((correct / o.testLabels.length).toFixed(4)),
      correct,
      rows: o.testLabels.length,
      trainCpuS: Number(((c1.user + c1.system) / 1e6).toFixed(3)),
      trainWallS: Number(trainWallS.toFixed(2)),
      load1: Number(loadavg()[0]!.toFixed(1)),
    });
  }
}
