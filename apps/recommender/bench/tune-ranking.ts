// Tunes the ranking prior on a validation carve-out of a train file (never a test file): HR@10 / NDCG@10 for
// several prior weights. Usage: tsx bench/tune-ranking.ts [kind] [data arguments, bench-args.ts; default u1]
import { readRatingsFile } from '../src/data/movielens.ts';
import { MODEL_KINDS, type ModelKind } from '../src/model/fm-model.ts';
import { splitValidation, trainModel } from '../src/training/train-model.ts';
import { emit, loadProfiles, parseBenchArgs } from './bench-args.ts';
import { describeData } from './datasets.ts';
import { evaluateRanking } from './ranking-metrics.ts';

const argv = process.argv.slice(2);
const kind: ModelKind = MODEL_KINDS.includes(argv[0] as ModelKind) ? (argv.shift() as ModelKind) : 'fm';
const args = parseBenchArgs(argv, { withTest: false, defaultSplits: ['u1'] });
const files = args.files[0]!;
const { train, validation } = splitValidation(readRatingsFile(files.train), 0.1, 42);
const { model } = trainModel({ ratings: train, ...loadProfiles(args) }, { kind, validationFraction: 0 });
const data = describeData([files.train]);
for (const prior of [0, 0.2, 0.5, 1, 1.5, 2, 3, 5]) {
  const r = evaluateRanking(model, validation, 10, prior);
  emit({ kind, data, prior, hrAt10: r.model.hr, ndcgAt10: r.model.ndcg, popularityHrAt10: r.popularity.hr });
}
