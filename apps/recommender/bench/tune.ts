// Hyper-parameter search helper: trains on <split>.base with a validation carve-out and prints validation RMSE.
// Never reads the test file. Usage: tsx bench/tune.ts '{"kind":"fm","k":16}' [split] [dataDir]
import { getMovielensDir, loadMovielensSplit } from '../src/data/movielens.ts';
import { trainModel } from '../src/training/train-model.ts';

const opts = JSON.parse(process.argv[2] ?? '{}');
const split = loadMovielensSplit(process.argv[4] ?? getMovielensDir(), process.argv[3] ?? 'u1');
const res = trainModel({ ratings: split.train, users: split.users, items: split.items }, { validationFraction: 0.1, ...opts });
console.log(JSON.stringify({
  opts, validation: res.validation, bestEpoch: res.bestEpoch, trainMs: Math.round(res.trainMs),
  curve: res.history.map((h) => [h.epoch, +h.trainRmse.toFixed(4), +(h.validationRmse ?? 0).toFixed(4)]).filter((_, i) => i % 3 === 0),
}));
