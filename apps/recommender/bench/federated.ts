// Federated averaging against central training on the same splits: test RMSE after R rounds (with the curve at
// a few checkpoints), bytes a client sends and receives per round, and the app's central `mf` (and `fm`) RMSE
// beside it. `--validate` scores on a seeded 10 % carve-out of each train file instead of its test file (the
// defaults in federated-averaging.ts were chosen that way on u1.base). Usage:
//   tsx bench/federated.ts [data arguments, bench-args.ts] [--rounds=200] [--fraction=0.2] [--epochs=2]
//     [--lr=0.02] [--clip=2] [--k=16] [--validate]
import { createRng, rmse } from '@suite/shared/ml';
import { selectRatings, type Ratings } from '../src/data/types.ts';
import { predictRatings, resetItemTable } from '../src/model/predict.ts';
import { trainFederated, type FederatedOptions } from '../src/training/federated-averaging.ts';
import { trainModel } from '../src/training/train-model.ts';
import { emit, loadSplits, machineNote, mean, parseBenchArgs } from './bench-args.ts';
import { describeData } from './datasets.ts';

const argv = process.argv.slice(2);
const num = (name: string): number | undefined => {
  const raw = argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return raw === undefined ? undefined : Number(raw);
};
const overrides: Partial<FederatedOptions> = Object.fromEntries(
  (
    [
      ['rounds', num('rounds')],
      ['clientFraction', num('fraction')],
      ['localEpochs', num('epochs')],
      ['learningRate', num('lr')],
      ['clipNorm', num('clip')],
      ['k', num('k')],
      ['reg', num('reg')],
      ['serverLearningRate', num('server-lr')],
    ] as const
  ).filter(([, v]) => v !== undefined),
);
const validate = argv.includes('--validate');
const args = parseBenchArgs(
  argv.filter((a) => a !== '--validate' && !/^--(rounds|fraction|epochs|lr|clip|k|reg|server-lr)=/.test(a)),
);
const splits = loadSplits(args);

/** A seeded 90/10 split of a train file, for choosing options without its test file. */
function carve(ratings: Ratings): { train: Ratings; test: Ratings } {
  const idx = Array.from({ length: ratings.user.length }, (_, i) => i);
  createRng(7).shuffle(idx);
  const cut = Math.round(idx.length * 0.1);
  return { train: selectRatings(ratings, idx.slice(cut)), test: selectRatings(ratings, idx.slice(0, cut)) };
}

const rows = splits.map((s) => {
  const { train, test } = validate ? carve(s.train) : { train: s.train, test: s.test };
  const input = { ratings: train, users: s.users, items: s.items };
  const curve: Array<{ round: number; rmse: number }> = [];
  const cpu0 = process.cpuUsage();
  const result = trainFederated(input, overrides, (round, model) => {
    if (round.round % 25 === 0 || round.round === 1) {
      resetItemTable(model);
      curve.push({
        round: round.round,
        rmse: Number(rmse(predictRatings(model, test), test.rating).toFixed(4)),
      });
    }
  });
  const cpu = process.cpuUsage(cpu0);
  resetItemTable(result.model);
  const federated = rmse(predictRatings(result.model, test), test.rating);
  const central = (kind: 'mf' | 'fm'): number =>
    rmse(predictRatings(trainModel(input, { kind, validationFraction: 0 }).model, test), test.rating);
  const last = result.rounds.at(-1);
  return {
    federated,
    centralMf: central('mf'),
    centralFm: central('fm'),
    curve,
    cpuMs: (cpu.user + cpu.system) / 1000,
    bytesDown: last?.bytesDownPerClient ?? 0,
    bytesUp: mean(result.rounds.map((r) => r.meanBytesUpPerClient)),
    clipped: mean(result.rounds.map((r) => r.clippedShare)),
    options: result.options,
  };
});

emit({
  bench: 'federated-averaging',
  data: describeData(splits.flatMap((s) => [s.files.train, s.files.test])),
  scoredOn: validate ? '10% carve-out of each train file' : 'test files',
  options: rows[0]?.options,
  rmse: mean(rows.map((r) => r.federated)),
  perSplitRmse: rows.map((r) => Number(r.federated.toFixed(4))),
  reference: {
    centralMfRmse: mean(rows.map((r) => r.centralMf)),
    centralFmRmse: mean(rows.map((r) => r.centralFm)),
    note: "the app's own central trainers on the same train/test rows",
  },
  curve: rows[0]?.curve,
  bytesDownPerClientPerRound: rows[0]?.bytesDown,
  meanBytesUpPerClientPerRound: mean(rows.map((r) => r.bytesUp)),
  clippedShare: mean(rows.map((r) => r.clipped)),
  federatedCpuMsPerSplit: mean(rows.map((r) => r.cpuMs)),
  ...machineNote(),
});
