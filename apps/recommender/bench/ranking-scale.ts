// What the served ials model costs at catalogue sizes beyond MovieLens: memory of the parameters, the item
// table and the artifact, the per-load item Gram, and CPU time per warm top-10 and per online fold-in, for
// random factors over synthetic users and items (no training: the costs depend on sizes only).
// Usage: tsx bench/ranking-scale.ts [--items=100000] [--users=10000] [--k=64] [--per-user=50]
import { createRng } from '@suite/shared/ml';
import { createRatings } from '../src/data/types.ts';
import { createCatalog } from '../src/features/catalog.ts';
import { encodeModel } from '../src/model/artifact.ts';
import { createIalsModel, foldInIalsUser, getItemGram } from '../src/model/ials-model.ts';
import { getCatalogUserContext, getItemTable } from '../src/model/predict.ts';
import { createTopKHeap, topKForContext } from '../src/model/top-k.ts';
import { IALS_DEFAULTS } from '../src/training/ials-options.ts';
import { emit, machineNote } from './bench-args.ts';

const flag = (name: string, d: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? d);
const nItems = flag('items', 100_000);
const nUsers = flag('users', 10_000);
const k = flag('k', 64);
const perUser = flag('per-user', 50);
const rng = createRng(42);
const rows: Array<{ user: number; item: number; rating: number }> = [];
for (let u = 1; u <= nUsers; u++) {
  const seen = new Set<number>();
  while (seen.size < perUser) seen.add(1 + rng.nextInt(nItems));
  for (const item of seen) rows.push({ user: u, item, rating: 1 + rng.nextInt(5) });
}
const items = Array.from({ length: nItems }, (_, i) => ({ id: i + 1, title: null, genres: [] }));
const catalog = createCatalog(createRatings(rows), [], items);
const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const random = (n: number) => Float64Array.from({ length: n }, () => 0.1 * rng.normal());
const model = createIalsModel(catalog, k, random(nUsers * k), random(nItems * k), IALS_DEFAULTS);
const table = getItemTable(model);
const c0 = process.cpuUsage();
getItemGram(model);
const gramCpu = process.cpuUsage(c0);
const bytes = encodeModel(model);
const mem = process.memoryUsage();
emit({
  bench: 'ranking-scale-memory',
  items: nItems,
  users: nUsers,
  k,
  paramsMB: (model.params.byteLength / 2 ** 20).toFixed(1),
  itemTableMB: ((table.s.byteLength + table.constant.byteLength) / 2 ** 20).toFixed(1),
  artifactMB: (bytes.byteLength / 2 ** 20).toFixed(1),
  modelHeapMB: ((mem.heapUsed + mem.arrayBuffers - heapBefore) / 2 ** 20).toFixed(1),
  rssMB: (mem.rss / 2 ** 20).toFixed(0),
  // Paid once per loaded model, by the first online fold-in.
  itemGramCpuMs: (gramCpu.user + gramCpu.system) / 1000,
  ...machineNote(),
});

const heap = createTopKHeap(10);
const seen = (u: number) => catalog.seenItem.subarray(catalog.seenStart[u], catalog.seenStart[u + 1]);
const cpu: number[] = [];
const solve: number[] = [];
for (let u = 0; u < Math.min(nUsers, 300); u++) {
  let c = process.cpuUsage();
  topKForContext(model, getCatalogUserContext(model, u), { k: 10, exclude: seen(u), heap });
  let used = process.cpuUsage(c);
  if (u >= 20) cpu.push((used.user + used.system) / 1000); // the first ones warm the JIT
  c = process.cpuUsage();
  foldInIalsUser(model, { items: seen(u), ratings: new Float64Array(perUser).fill(4) });
  used = process.cpuUsage(c);
  if (u >= 20) solve.push((used.user + used.system) / 1000);
}
const at = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
emit({
  bench: 'ranking-scale-serving',
  items: nItems,
  k,
  top10CpuMs: { p50: at(cpu, 0.5), p99: at(cpu, 0.99) },
  foldInCpuMs: { p50: at(solve, 0.5), p99: at(solve, 0.99), itemsPerUser: perUser },
  ...machineNote(),
});
