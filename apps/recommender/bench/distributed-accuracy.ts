// Accuracy of distributed training through the real machinery (Azurite queues and blobs, the database,
// every message delivered as the Functions host would): test RMSE of data-parallel FM and model-parallel
// (DSGD) biased MF runs with 2, 4 and 8 workers against the single-process FM and MF on the same split.
// Usage: tsx bench/distributed-accuracy.ts [data arguments] [--workers=2,4,8] [--modes=data,model]
//        [--rounds=8] [--data-options='{"epochs":24,"averageFrom":10,"patience":6}']
import { rmse } from '@suite/shared/ml';
import { predictRatings } from '../src/model/predict.ts';
import { trainModel } from '../src/training/train-model.ts';
import { resolveTrainOptions } from '../src/training/train-options.ts';
import { emit, loadSplits, machineNote, parseBenchArgs } from './bench-args.ts';
import { describeData } from './datasets.ts';
import { createHarness, trainDistributed } from './distributed-harness.ts';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const workersList = flag('workers', '2,4,8').split(',').map(Number);
const modes = flag('modes', 'data,model').split(',') as ('data' | 'model')[];
const rounds = Number(flag('rounds', '8'));
const dataOptions = JSON.parse(flag('data-options', '{}')) as Record<string, unknown>;
const args = parseBenchArgs(argv.filter((a) => !/^--(workers|modes|rounds|data-options)=/.test(a)));

const harness = await createHarness();
try {
  for (const split of loadSplits(args)) {
    const input = { ratings: split.train, users: split.users, items: split.items };
    const data = describeData([split.files.train, split.files.test]);
    const testRmse = (m: Parameters<typeof predictRatings>[0]) =>
      rmse(predictRatings(m, split.test), split.test.rating);
    const single = {
      fm: testRmse(trainModel(input, { kind: 'fm' }).model),
      mf: testRmse(trainModel(input, { kind: 'mf' }).model),
    };
    emit({
      bench: 'distributed-accuracy',
      data,
      mode: 'single-process',
      testRmseFm: single.fm,
      testRmseMf: single.mf,
      ...machineNote(),
    });
    for (const mode of modes) {
      for (const workers of workersList) {
        const options = resolveTrainOptions(
          mode === 'data' ? { kind: 'fm', ...dataOptions } : { kind: 'mf' },
        );
        const cpu0 = process.cpuUsage();
        const { run, model, wallMs } = await trainDistributed(
          harness,
          mode,
          workers,
          mode === 'data' ? rounds : workers,
          options,
          input,
        );
        const cpu = process.cpuUsage(cpu0);
        const r = testRmse(model);
        const last = run.history.at(-1) ?? {};
        emit({
          bench: 'distributed-accuracy',
          data,
          mode,
          workers,
          stepsPerEpoch: run.steps,
          kind: options.kind,
          epochs: run.history.length,
          testRmse: r,
          gapToSingleFm: r - single.fm,
          gapToSingleSameKind: r - (mode === 'data' ? single.fm : single.mf),
          workerParamBytes: last.workerParamBytes,
          workerDataBytes: last.workerDataBytes,
          fullModelBytes: run.result?.fullModelBytes,
          wallMs,
          cpuMs: (cpu.user + cpu.system) / 1000,
          reference: {
            singleProcessFm: single.fm,
            singleProcessMf: single.mf,
            target: 'within 0.005 of the single-process FM',
          },
          ...machineNote(),
        });
      }
    }
  }
} finally {
  await harness.close();
}
