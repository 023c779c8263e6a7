// Rating accuracy (mean test RMSE / MAE, training time per split) and ranking quality (HR@10, NDCG@10) for
// baseline, MF and FM, beside a popularity baseline computed on the same splits, and beside the published
// RMSEs when the splits are MovieLens 100K's u1..u5. Trains on each whole train file with the defaults
// (tuned on a validation carve-out of u1.base). Usage: tsx bench/accuracy.ts [data arguments, bench-args.ts]
import { mae, rmse } from '@suite/shared/ml';
import { predictRatings } from '../src/model/predict.ts';
import { MODEL_KINDS } from '../src/model/fm-model.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, loadSplits, machineNote, mean, parseBenchArgs } from './bench-args.ts';
import { describeData, isMovielensFiveFold, MOVIELENS_RMSE_REFERENCES } from './datasets.ts';
import { evaluateRanking, type RankingScore } from './ranking-metrics.ts';

const args = parseBenchArgs();
const splits = loadSplits(args);
const data = describeData(splits.flatMap((s) => [s.files.train, s.files.test]));
// The published RMSEs are 5-fold means on MovieLens 100K: shown only beside a mean over its five folds.
const fiveFold = isMovielensFiveFold(splits.map((s) => s.files));
const ranking: Record<string, RankingScore[]> = {};
// `ials` ranks (bench/ranking.ts); it predicts no rating.
for (const kind of MODEL_KINDS.filter((k) => k !== 'ials')) {
  const rows = splits.map((s) => {
    // CPU time beside wall time: on a shared machine the wall clock mostly measures the neighbours.
    const cpu0 = process.cpuUsage();
    const res = trainModel(
      { ratings: s.train, users: s.users, items: s.items },
      { kind, validationFraction: 0 },
    );
    const cpu = process.cpuUsage(cpu0);
    const trainCpuMs = (cpu.user + cpu.system) / 1000;
    const pred = predictRatings(res.model, s.test);
    const rank = evaluateRanking(res.model, s.test);
    (ranking[kind] ??= []).push(rank.model);
    if (kind === 'fm') {
      (ranking.popularity ??= []).push(rank.popularity);
      (ranking['fm-rating-only'] ??= []).push(evaluateRanking(res.model, s.test, 10, 0).model);
    }
    return {
      rmse: rmse(pred, s.test.rating),
      mae: mae(pred, s.test.rating),
      trainMs: res.trainMs,
      trainCpuMs,
    };
  });
  emit({
    bench: 'rating-accuracy',
    model: kind,
    data,
    rmse: mean(rows.map((r) => r.rmse)),
    mae: mean(rows.map((r) => r.mae)),
    trainMsPerSplit: mean(rows.map((r) => r.trainMs)),
    maxTrainMs: Math.max(...rows.map((r) => r.trainMs)),
    trainCpuMsPerSplit: mean(rows.map((r) => r.trainCpuMs)),
    perSplitRmse: rows.map((r) => Number(r.rmse.toFixed(4))),
    reference: fiveFold ? MOVIELENS_RMSE_REFERENCES[kind] : undefined,
    ...machineNote(),
  });
}
for (const [model, scores] of Object.entries(ranking)) {
  emit({
    bench: 'ranking',
    model,
    data,
    hrAt10: mean(scores.map((s) => s.hr)),
    ndcgAt10: mean(scores.map((s) => s.ndcg)),
    relevant: 'test rating >= 4',
    candidates: 'all items unrated in training',
    rankingPrior:
      model === 'popularity' ? null : model === 'fm-rating-only' ? 0 : 'default (tuned on u1.base carve-out)',
    reference:
      model === 'popularity'
        ? 'baseline'
        : { popularityHrAt10: mean((ranking.popularity ?? []).map((s) => s.hr)) },
    ...machineNote(),
  });
}
