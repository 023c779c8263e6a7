// Hyper-parameter search helper: trains on <split>.base with a 10 % validation carve-out and prints validation
// RMSE (mean over the splits given). Never reads the test file.
// Usage: tsx bench/tune.ts '{"kind":"fm","k":16}' [u1,u2,...] [dataDir]
import { getMovielensDir, loadMovielensSplit } from '../src/data/movielens.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, machineNote, mean } from './bench-args.ts';

const opts = JSON.parse(process.argv[2] ?? '{}');
const names = (process.argv[3] ?? 'u1').split(',');
const rows = names.map((name) => {
  const split = loadMovielensSplit(process.argv[4] ?? getMovielensDir(), name);
  const cpu0 = process.cpuUsage();
  const res = trainModel(
    { ratings: split.train, users: split.users, items: split.items },
    { validationFraction: 0.1, ...opts },
  );
  const cpu = process.cpuUsage(cpu0);
  return {
    name,
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
  opts,
  validationRmse: mean(rows.map((r) => r.rmse)),
  perSplit: rows,
  ...machineNote(),
});
