// The accuracy of distributed training on every split without the machine's Blob and queue traffic: the same
// units (trainShardEpoch, trainBlockEpoch), the same unit seeds, merges and schedule as a run, executed one
// after another in this process. bench/distributed-accuracy.ts runs the real machinery on fewer splits.
// Usage: tsx bench/distributed-simulate.ts [data arguments] [--workers=2,4,8] [--modes=data,model]
//        [--rounds=8] [--merge=mean|sum|sqrt] [--data-options='{"epochs":24}']
import { rmse } from '@suite/shared/ml';
import { createEpochTracker } from '../src/training/epoch-tracker.ts';
import { createUserShards } from '../src/training/parallel-train.ts';
import { prepareTraining, trainModel, type TrainInput } from '../src/training/train-model.ts';
import { resolveTrainOptions } from '../src/training/train-options.ts';
import { predictRatings } from '../src/model/predict.ts';
import { blockBytes } from '../src/distributed/block-model.ts';
import { trainBlockEpoch } from '../src/distributed/block-epoch.ts';
import { createBlockPartition, placeBlock, sliceBlock } from '../src/distributed/block-partition.ts';
import { DATA_MERGE_RULE } from '../src/distributed/data-parallel-run.ts';
import { getStratum } from '../src/distributed/dsgd-schedule.ts';
import { unitSeed } from '../src/distributed/run-context.ts';
import {
  mergeShardResults,
  trainShardEpoch,
  type MergeRule,
  type ParamState,
} from '../src/distributed/shard-epoch.ts';
import { emit, loadSplits, machineNote, mean, parseBenchArgs } from './bench-args.ts';
import { describeData } from './datasets.ts';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const workersList = flag('workers', '2,4,8').split(',').map(Number);
const modes = flag('modes', 'data,model').split(',') as ('data' | 'model')[];
const rounds = Number(flag('rounds', '8'));
const merge = flag('merge', DATA_MERGE_RULE) as MergeRule;
const dataOptions = JSON.parse(flag('data-options', '{}')) as Record<string, unknown>;
const args = parseBenchArgs(argv.filter((a) => !/^--(workers|modes|rounds|merge|data-options)=/.test(a)));

function simulateData(input: TrainInput, N: number) {
  const { options, validation, model, set } = prepareTraining(
    input,
    resolveTrainOptions({ kind: 'fm', ...dataOptions }),
  );
  const shards = createUserShards(set, N);
  let cur: ParamState = { params: model.params.slice(), state: new Float64Array(model.params.length) };
  const tracker = createEpochTracker(model, validation, options);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    let sse = 0;
    for (let r = 0; r < rounds; r++) {
      const res = shards.map((users, part) =>
        trainShardEpoch({
          set,
          users,
          start: cur,
          options,
          size: model.layout.size,
          group: model.layout.group,
          lrScale: options.lrDecay ** (epoch - 1),
          seed: unitSeed(options.seed, epoch, 0, part),
          round: r,
          rounds,
        }),
      );
      sse += res.reduce((s, x) => s + x.sse, 0);
      cur = mergeShardResults(cur, res, merge);
    }
    model.params.set(cur.params);
    if (!tracker.record(epoch, sse, set.exItem.length)) break;
  }
  tracker.finish();
  return { model, epochs: tracker.history.length };
}

function simulateModel(input: TrainInput, B: number) {
  const { options, validation, model, set } = prepareTraining(input, resolveTrainOptions({ kind: 'mf' }));
  const { k } = options;
  const size = model.layout.size;
  const { partition, grid } = createBlockPartition(set, B, k);
  const state = new Float64Array(model.params.length);
  const users = partition.userRows.map((r) => sliceBlock(model.params, state, r, 0, size, k));
  const items = partition.itemRows.map((r) => sliceBlock(model.params, state, r, set.nUsers, size, k));
  let w0 = model.params[0] as number;
  let w0State = 0;
  // What one unit holds: its user block and item block with their optimiser state (the largest pair).
  let workerParamBytes = 0;
  for (let s = 0; s < B; s++)
    for (let part = 0; part < B; part++) {
      const { userBlock: b, itemBlock: c } = getStratum(B, s, part);
      workerParamBytes = Math.max(workerParamBytes, blockBytes(users[b]!) + blockBytes(items[c]!));
    }
  const fullModelBytes = model.params.byteLength * 2;
  const tracker = createEpochTracker(model, validation, options);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    let sse = 0;
    for (let s = 0; s < B; s++) {
      let dw = 0;
      let ds = 0;
      for (let part = 0; part < B; part++) {
        const { userBlock: b, itemBlock: c } = getStratum(B, s, part);
        const out = trainBlockEpoch({
          users: users[b]!,
          items: items[c]!,
          ratings: grid[b]![c]!,
          options,
          w0,
          w0State,
          lrScale: options.lrDecay ** (epoch - 1),
          seed: unitSeed(options.seed, epoch, s, part),
        });
        users[b] = out.users;
        items[c] = out.items;
        dw += out.w0Delta / B;
        ds += out.w0StateDelta / B;
        sse += out.sse;
      }
      w0 += dw;
      w0State += ds;
    }
    model.params[0] = w0;
    users.forEach((blk, b) => placeBlock(model.params, blk, partition.userRows[b]!, 0, size, k));
    items.forEach((blk, c) => placeBlock(model.params, blk, partition.itemRows[c]!, set.nUsers, size, k));
    if (!tracker.record(epoch, sse, set.exItem.length)) break;
  }
  tracker.finish();
  return { model, epochs: tracker.history.length, workerParamBytes, fullModelBytes };
}

const results = new Map<string, number[]>();
const splits = loadSplits(args);
for (const split of splits) {
  const input = { ratings: split.train, users: split.users, items: split.items };
  const data = describeData([split.files.train, split.files.test]);
  const testRmse = (m: Parameters<typeof predictRatings>[0]) =>
    rmse(predictRatings(m, split.test), split.test.rating);
  const fm = testRmse(trainModel(input, { kind: 'fm', ...dataOptions }).model);
  const fmDefault = testRmse(trainModel(input, { kind: 'fm' }).model);
  const mf = testRmse(trainModel(input, { kind: 'mf' }).model);
  for (const [key, v] of [
    ['single fm', fmDefault],
    ['single fm same options', fm],
    ['single mf', mf],
  ] as const)
    results.set(key, [...(results.get(key) ?? []), v]);
  for (const mode of modes)
    for (const N of workersList) {
      const out = mode === 'data' ? simulateData(input, N) : simulateModel(input, N);
      const r = testRmse(out.model);
      results.set(`${mode} ${N}`, [...(results.get(`${mode} ${N}`) ?? []), r]);
      emit({
        bench: 'distributed-simulate',
        data,
        mode,
        workers: N,
        rounds: mode === 'data' ? rounds : N,
        epochs: out.epochs,
        testRmse: r,
        ...(mode === 'model'
          ? {
              workerParamBytes: (out as unknown as { workerParamBytes: number }).workerParamBytes,
              fullModelBytes: (out as unknown as { fullModelBytes: number }).fullModelBytes,
            }
          : {}),
        singleFm: fmDefault,
        singleFmSameOptions: fm,
        singleMf: mf,
        ...machineNote(),
      });
    }
}
const base = mean(results.get('single fm') ?? []);
for (const [key, xs] of results)
  emit({
    bench: 'distributed-simulate-mean',
    data: `${splits.length} splits`,
    run: key,
    dataOptions,
    rounds,
    meanTestRmse: mean(xs),
    gapToSingleFm: mean(xs) - base,
    reference: { singleProcessFm: base, target: 'within 0.005 of the single-process FM' },
    ...machineNote(),
  });
