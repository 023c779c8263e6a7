// Serving: warm top-10 latency for single users (p50/p99), batch top-10 for every user, and the cold path
// (artifact bytes -> decoded model -> item table), on a model trained on the first split with the FM defaults,
// or with --options=json on top of them (e.g. '{"method":"mcmc"}' for the wider blended MCMC artifact, or
// '{"kind":"ials"}' for the ranking model, which also times its online fold-in).
// Usage: tsx bench/serving.ts [data arguments, bench-args.ts] [--options=json]
import { decodeModel, encodeModel } from '../src/model/artifact.ts';
import { foldInIalsUser } from '../src/model/ials-model.ts';
import { getCatalogUserContext, getItemTable } from '../src/model/predict.ts';
import { createTopKHeap, getRankingBonus, topKForContext } from '../src/model/top-k.ts';
import { resolveTrainOptions, type TrainOptionsInput } from '../src/training/train-options.ts';
import { trainWithMethod } from '../src/training/train-with-method.ts';
import { emit, loadSplits, machineNote, parseBenchArgs } from './bench-args.ts';
import { describeData, isMovielens, MOVIELENS_SERVING_TARGETS } from './datasets.ts';

const args = parseBenchArgs();
const [split] = loadSplits({ ...args, splits: args.splits.slice(0, 1) });
if (!split) throw new Error('no split');
const extra = JSON.parse(
  process.argv.find((a) => a.startsWith('--options='))?.slice(10) ?? '{}',
) as TrainOptionsInput;
const options = resolveTrainOptions({ kind: 'fm', validationFraction: 0, ...extra });
const { model } = await trainWithMethod(
  { ratings: split.train, users: split.users, items: split.items },
  options,
);
const bytes = encodeModel(model);
const data = describeData([split.files.train]);
// The targets were set for MovieLens 100K's catalogue (1,682 items, 943 users).
const targets = isMovielens([split.files.train]) ? MOVIELENS_SERVING_TARGETS : undefined;

// Cold: decode the artifact and build the per-item table, as the first request on a new instance does.
const coldRuns: number[] = [];
for (let r = 0; r < 5; r++) {
  const t = performance.now();
  getItemTable(decodeModel(bytes));
  coldRuns.push(performance.now() - t);
}
coldRuns.sort((a, b) => a - b);
emit({
  bench: 'serving-cold-load',
  data,
  kind: options.kind,
  artifactBytes: bytes.byteLength,
  medianMs: coldRuns[2],
  params: model.params.length,
  reference: 'decode + item table; store I/O excluded',
  ...machineNote(),
});

const live = decodeModel(bytes);
const nU = live.catalog.userIds.length;
const seen = (u: number) =>
  live.catalog.seenItem.subarray(live.catalog.seenStart[u], live.catalog.seenStart[u + 1]);
const heap = createTopKHeap(10);
const bonus = getRankingBonus(live, live.rankingPrior);
const one = (u: number) =>
  topKForContext(live, getCatalogUserContext(live, u), { k: 10, exclude: seen(u), heap, bonus });
for (let u = 0; u < nU; u++) one(u); // warm-up: JIT and the item table
const lat: number[] = [];
// CPU time per request beside wall time: on a loaded machine the wall-clock tail is mostly preemption.
const cpuLat: number[] = [];
for (let rep = 0; rep < 5; rep++) {
  for (let u = 0; u < nU; u++) {
    const c = process.cpuUsage();
    const t = performance.now();
    one(u);
    lat.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpuLat.push((used.user + used.system) / 1000);
  }
}
lat.sort((a, b) => a - b);
cpuLat.sort((a, b) => a - b);
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] as number;
const qCpu = (p: number) => cpuLat[Math.min(cpuLat.length - 1, Math.floor(p * cpuLat.length))] as number;
emit({
  bench: 'serving-top10-warm',
  data,
  kind: options.kind,
  items: live.catalog.itemIds.length,
  k: live.k,
  requests: lat.length,
  p50Ms: q(0.5),
  p99Ms: q(0.99),
  p50CpuMs: qCpu(0.5),
  p99CpuMs: qCpu(0.99),
  target: targets && { p99Ms: targets.warmP99Ms },
  ...machineNote(),
});

const batch: number[] = [];
for (let rep = 0; rep < 3; rep++) {
  const t = performance.now();
  for (let u = 0; u < nU; u++) one(u);
  batch.push(performance.now() - t);
}
batch.sort((a, b) => a - b);
emit({
  bench: 'serving-batch-top10',
  data,
  kind: options.kind,
  users: nU,
  medianMs: batch[1],
  target: targets && { ms: targets.batchAllUsersMs },
  ...machineNote(),
});

if (live.kind === 'ials') {
  // What POST /api/events costs the model for an ials user: the exact solve from every item they rated
  // (here their training items, all rated 4), k^3/3 + items x k^2 flops.
  const solve: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    for (let u = 0; u < nU; u++) {
      const items = seen(u);
      const ratings = new Float64Array(items.length).fill(4);
      const c = process.cpuUsage();
      foldInIalsUser(live, { items, ratings });
      const used = process.cpuUsage(c);
      solve.push((used.user + used.system) / 1000);
    }
  }
  solve.sort((a, b) => a - b);
  const at = (p: number) => solve[Math.min(solve.length - 1, Math.floor(p * solve.length))] as number;
  emit({
    bench: 'serving-ials-fold-in',
    data,
    k: live.k,
    solves: solve.length,
    p50CpuMs: at(0.5),
    p99CpuMs: at(0.99),
    ...machineNote(),
  });
}
