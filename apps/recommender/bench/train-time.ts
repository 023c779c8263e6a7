// FM training time per split, repeated: median CPU time (process.cpuUsage, all threads) beside median wall time,
// since on the shared build machine the wall clock mostly measures the neighbours. Trains on the whole
// <split>.base with the defaults, as bench/accuracy.ts does (or with --options='{"k":16}' on top of them;
// '{"method":"mcmc"}' times the Bayesian FM exactly as POST /api/train runs it).
// Usage: tsx bench/train-time.ts [data arguments, bench-args.ts] [--repeat=3] [--options=json]
import type { TrainInput } from '../src/training/train-model.ts';
import { resolveTrainOptions, type TrainOptionsInput } from '../src/training/train-options.ts';
import { trainWithMethod } from '../src/training/train-with-method.ts';
import { emit, loadSplits, machineNote, parseBenchArgs } from './bench-args.ts';
import { describeData, isMovielens, MOVIELENS_TRAIN_TIME_REFERENCES } from './datasets.ts';

const repeat = Number(process.argv.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
const extra = JSON.parse(
  process.argv.find((a) => a.startsWith('--options='))?.slice(10) ?? '{}',
) as TrainOptionsInput;
const train = (input: TrainInput, options: TrainOptionsInput) =>
  trainWithMethod(input, resolveTrainOptions({ kind: 'fm', validationFraction: 0, ...options }));
// MovieLens 100K per-split references for the sampler: the target and libFM's MCMC time on this machine.
const MCMC_REFERENCES = { targetMs: 5000, libfmMcmcImplicitGenreMs: 130000 } as const;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const args = parseBenchArgs();
const splits = loadSplits(args);
// One untimed run so the first split does not pay for the JIT alone.
await train(
  { ratings: splits[0]!.train, users: splits[0]!.users, items: splits[0]!.items },
  { ...extra, epochs: 2, ...(extra.method === 'mcmc' ? { burnIn: 1, samples: 1 } : {}) },
);
const cpu: number[] = [];
const wall: number[] = [];
const load: number[] = [];
for (let r = 0; r < repeat; r++) {
  for (const s of splits) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await train({ ratings: s.train, users: s.users, items: s.items }, extra);
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
  reference: isMovielens(splits.map((s) => s.files.train))
    ? extra.method === 'mcmc'
      ? MCMC_REFERENCES
      : MOVIELENS_TRAIN_TIME_REFERENCES
    : undefined,
  ...machineNote(),
});
