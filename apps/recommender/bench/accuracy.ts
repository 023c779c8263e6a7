// Rating accuracy: mean test RMSE / MAE and training time per split for baseline, MF and FM, beside the
// published figures. Trains on the whole <split>.base with the defaults tuned on a validation carve-out.
import { mae, rmse } from '@suite/shared/ml';
import { predictRatings } from '../src/model/predict.ts';
import { MODEL_KINDS, type ModelKind } from '../src/model/fm-model.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, loadSplits, machineNote, mean, parseBenchArgs } from './bench-args.ts';

const REFERENCES: Record<ModelKind, Record<string, number>> = {
  baseline: { surpriseBaselineOnly: 0.944 },
  mf: { surpriseSVD: 0.934 },
  fm: { libfmMcmcK8: 0.9003, surpriseSVDpp: 0.919, target: 0.9 },
};

const args = parseBenchArgs();
const splits = loadSplits(args);
for (const kind of MODEL_KINDS) {
  const rows = splits.map((s) => {
    const res = trainModel({ ratings: s.train, users: s.users, items: s.items }, { kind, validationFraction: 0 });
    const pred = predictRatings(res.model, s.test);
    return { split: s.name, rmse: rmse(pred, s.test.rating), mae: mae(pred, s.test.rating), trainMs: res.trainMs, epochs: res.history.length };
  });
  emit({
    bench: 'rating-accuracy', model: kind, splits: args.splits.join(','),
    rmse: mean(rows.map((r) => r.rmse)), mae: mean(rows.map((r) => r.mae)),
    trainMsPerSplit: mean(rows.map((r) => r.trainMs)), maxTrainMs: Math.max(...rows.map((r) => r.trainMs)),
    perSplitRmse: rows.map((r) => Number(r.rmse.toFixed(4))), reference: REFERENCES[kind], ...machineNote(),
  });
}
