// Tunes the ranking prior on a validation carve-out of <split>.base (never the test file): HR@10 / NDCG@10
// for several prior weights. Usage: tsx bench/tune-ranking.ts [kind] [split] [dataDir]
import { getMovielensDir, loadMovielensSplit } from '../src/data/movielens.ts';
import type { ModelKind } from '../src/model/fm-model.ts';
import { splitValidation, trainModel } from '../src/training/train-model.ts';
import { emit } from './bench-args.ts';
import { evaluateRanking } from './ranking-metrics.ts';

const kind = (process.argv[2] ?? 'fm') as ModelKind;
const split = loadMovielensSplit(process.argv[4] ?? getMovielensDir(), process.argv[3] ?? 'u1');
const { train, validation } = splitValidation(split.train, 0.1, 42);
const { model } = trainModel(
  { ratings: train, users: split.users, items: split.items },
  { kind, validationFraction: 0 },
);
for (const prior of [0, 0.2, 0.5, 1, 1.5, 2, 3, 5]) {
  const r = evaluateRanking(model, validation, 10, prior);
  emit({ kind, prior, hrAt10: r.model.hr, ndcgAt10: r.model.ndcg, popularityHrAt10: r.popularity.hr });
}
