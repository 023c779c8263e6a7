// Data-parallel training: wall time and test RMSE with 2 (and 4) worker shards against one thread, same FM
// defaults and epochs. Shards are merged by averaging each parameter's change after every epoch.
// Usage: tsx bench/parallel.ts [data arguments, bench-args.ts]
import { cpus } from 'node:os';
import { rmse } from '@suite/shared/ml';
import { predictRatings } from '../src/model/predict.ts';
import { trainModelParallel } from '../src/training/parallel-train.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, loadSplits, machineNote, parseBenchArgs } from './bench-args.ts';
import { describeData } from './datasets.ts';

const args = parseBenchArgs();
const [split] = loadSplits({ ...args, splits: args.splits.slice(0, 1) });
if (!split) throw new Error('no split');
const input = { ratings: split.train, users: split.users, items: split.items };
const opts = { kind: 'fm', validationFraction: 0 } as const;
const data = describeData([split.files.train, split.files.test]);

const one = trainModel(input, opts);
const oneRmse = rmse(predictRatings(one.model, split.test), split.test.rating);
emit({
  bench: 'data-parallel',
  data,
  shards: 1,
  trainMs: one.trainMs,
  testRmse: oneRmse,
  reference: 'one thread',
  ...machineNote(),
});
for (const shards of [2, 4]) {
  const res = await trainModelParallel(input, { ...opts, shards });
  const r = rmse(predictRatings(res.model, split.test), split.test.rating);
  emit({
    bench: 'data-parallel',
    data,
    shards,
    trainMs: res.trainMs,
    testRmse: r,
    speedup: one.trainMs / res.trainMs,
    rmseCost: r - oneRmse,
    cores: cpus().length,
    reference: { oneThreadMs: one.trainMs, oneThreadRmse: oneRmse },
    ...machineNote(),
  });
}
