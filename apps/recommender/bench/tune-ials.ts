// Tunes the ials kind on 20 % carve-outs of the train files (never a test file): HR@10 / NDCG@10 on the
// carve-out for each option set of a grid, mean over the splits, with training CPU time.
// Usage: tsx bench/tune-ials.ts [data arguments, bench-args.ts] --grid='[{"reg":0.02},{"reg":0.01}]'
//        [--base='{"epochs":8}'] [--seed=42]
import { readRatingsFile } from '../src/data/movielens.ts';
import { splitValidation } from '../src/training/train-model.ts';
import { trainIalsModel, evaluateTopK } from '../src/training/train-ials-model.ts';
import { resolveTrainOptions, type TrainOptionsInput } from '../src/training/train-options.ts';
import { emit, loadProfiles, machineNote, mean, parseBenchArgs } from './bench-args.ts';

const flag = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const args = parseBenchArgs(undefined, { withTest: false, defaultSplits: ['u1', 'u2', 'u3'] });
const seed = Number(flag('seed') ?? 42);
const base = JSON.parse(flag('base') ?? '{}') as TrainOptionsInput;
const grid = JSON.parse(flag('grid') ?? '[{}]') as TrainOptionsInput[];
const profiles = loadProfiles(args);
const carveOuts = args.files.map((f) => ({
  name: f.name,
  ...splitValidation(readRatingsFile(f.train), 0.2, seed),
}));
for (const point of grid) {
  const options = resolveTrainOptions({ ...base, ...point, kind: 'ials', seed, validationFraction: 0 });
  const runs = carveOuts.map((c) => {
    const cpu0 = process.cpuUsage();
    const { model } = trainIalsModel({ ratings: c.train, ...profiles }, options);
    const cpu = process.cpuUsage(cpu0);
    return { ...evaluateTopK(model, c.validation), cpuMs: (cpu.user + cpu.system) / 1000 };
  });
  emit({
    bench: 'tune-ials',
    options: { ...base, ...point },
    splits: carveOuts.map((c) => c.name).join(','),
    hrAt10: mean(runs.map((r) => r.hrAt10)),
    ndcgAt10: mean(runs.map((r) => r.ndcgAt10)),
    perSplitNdcg: runs.map((r) => Number(r.ndcgAt10.toFixed(4))),
    fitCpuMs: mean(runs.map((r) => r.cpuMs)),
    seed,
    ...machineNote(),
  });
}
