// Hyper-parameter search helper: trains on each train file with a 10 % validation carve-out and prints the
// validation RMSE (mean over the files given). Never reads a test file.
// Usage: tsx bench/tune.ts '{"kind":"fm","k":16}' [data arguments, bench-args.ts; default u1]
import { readRatingsFile } from '../src/data/movielens.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, loadProfiles, machineNote, mean, parseBenchArgs } from './bench-args.ts';
import { describeData } from './datasets.ts';

const opts = JSON.parse(process.argv[2] ?? '{}');
const args = parseBenchArgs(process.argv.slice(3), { withTest: false, defaultSplits: ['u1'] });
const { users, items } = loadProfiles(args);
const rows = args.files.map((files) => {
  const cpu0 = process.cpuUsage();
  const res = trainModel(
    { ratings: readRatingsFile(files.train), users, items },
    { validationFraction: 0.1, ...opts },
  );
  const cpu = process.cpuUsage(cpu0);
  return {
    name: files.name,
    rmse: res.validation?.rmse ?? NaN,
    bestEpoch: res.bestEpoch,
    trainCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    curve: res.history
      .map((h) => [h.epoch, +h.trainRmse.toFixed(4), +(h.validationRmse ?? 0).toFixed(4)])
      .filter((_, i) => i % 3 === 0),
  };
});
emit({
  bench: 'tune',
  data: describeData(args.files.map((f) => f.train)),
  opts,
  validationRmse: mean(rows.map((r) => r.rmse)),
  perSplit: rows,
  ...machineNote(),
});
