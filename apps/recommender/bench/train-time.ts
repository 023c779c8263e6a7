// FM training time per split, repeated: median CPU time (process.cpuUsage, all threads) beside median wall time,
// since on the shared build machine the wall clock mostly measures the neighbours. Trains on the whole
// <split>.base with the defaults, as bench/accuracy.ts does (or with --options='{"k":16}' on top of them).
// Usage: tsx bench/train-time.ts [data arguments, bench-args.ts] [--repeat=3] [--options=json]
import { trainModel } from '../src/training/train-model.ts';
import { emit, loadSplits, machineNote, parseBenchArgs } from './bench-args.ts';
import { describeData, isMovielens, MOVIELENS_TRAIN_TIME_REFERENCES } from './datasets.ts';

const repeat = Number(process.argv.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
const extra = JSON.parse(process.argv.find((a) => a.startsWith('--options='))?.slice(10) ?? '{}') as Record<
  string,
  unknown
>;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const args = parseBenchArgs();
const splits = loadSplits(args);
// One untimed run so the first split does not pay for the JIT alone.
trainModel(
  { ratings: splits[0]!.train, users: splits[0]!.users, items: splits[0]!.items },
  { kind: 'fm', validationFraction: 0, epochs: 2 },
);
const cpu: number[] = [];
const wall: number[] = [];
const load: number[] = [];
for (let r = 0; r < repeat; r++) {
  for (const s of splits) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    trainModel(
      { ratings: s.train, users: s.users, items: s.items },
      { kind: 'fm', validationFraction: 0, ...extra },
    );
    const c = process.cpuUsage(cpu0);
    wall.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
    load.push(machineNote().loadAvg1m);
  }
}
emit({
  bench: 'fm-train-time',
  options: extra,
  data: describeData(splits.map((s) => s.files.train)),
  runs: cpu.length,
  medianCpuMs: median(cpu),
  medianWallMs: median(wall),
  maxCpuMs: Math.max(...cpu),
  maxWallMs: Math.max(...wall),
  loadAvg1mRange: [Math.min(...load), Math.max(...load)],
  // The target and libFM's time are per MovieLens 100K split (80,000 ratings); other data has its own scale.
  reference: isMovielens(splits.map((s) => s.files.train)) ? MOVIELENS_TRAIN_TIME_REFERENCES : undefined,
  ...machineNote(),
});
