// Why the app has its own Isolation Forest: fit time of npm `isolation-forest@0.0.9` beside this app's forest
// on a seeded synthetic 100,000 x 8 standard-normal matrix (100 trees, 256 samples each), and the score each
// gives an obvious outlier (every feature at 50). The package grows every tree on the whole data set (it draws
// the sub-sample and then ignores it), so its leaves stay large and its scores stay under its own 0.5 threshold.
// Usage: tsx bench/npm-isolation-forest-fit.ts [--rows 100000] [--cols 8] [--runs 1]
import { parseArgs } from 'node:util';
import { IsolationForest as NpmIsolationForest } from 'isolation-forest';
import { createRng } from '@suite/shared/ml';
import { fitForest, scoreMatrix } from '../src/forest/index.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    cols: { type: 'string', default: '8' },
    runs: { type: 'string', default: '1' },
  },
});
const rows = Number(args.rows);
const cols = Number(args.cols);
const runs = Number(args.runs);
const rng = createRng(1);
const data = new Float64Array(rows * cols);
for (let i = 0; i < data.length; i++) data[i] = rng.normal();
const objects = Array.from({ length: rows }, (_, r) => {
  const o: Record<string, number> = {};
  for (let c = 0; c < cols; c++) o[`v${c}`] = data[r * cols + c]!;
  return o;
});
const outlier = new Float64Array(cols).fill(50);
const outlierObject = Object.fromEntries(Array.from(outlier, (v, c) => [`v${c}`, v]));

/** CPU seconds (user + system) and wall seconds of `fn`. */
function timed<T>(fn: () => T): { value: T; cpuSeconds: number; wallSeconds: number } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const cpu = process.cpuUsage(cpu0);
  return { value, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: (performance.now() - t0) / 1000 };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 3) => Number(x.toFixed(d));

const npm: Array<ReturnType<typeof timed<NpmIsolationForest>>> = [];
const ours: Array<ReturnType<typeof timed<ReturnType<typeof fitForest>>>> = [];
for (let r = 0; r < runs; r++) {
  npm.push(
    timed(() => {
      const f = new NpmIsolationForest(100, 256);
      f.fit(objects);
      return f;
    }),
  );
  ours.push(timed(() => fitForest({ data, rows, cols }, createRng(r), { nTrees: 100, sampleSize: 256 })));
}
console.log(
  JSON.stringify({
    bench: 'npm-isolation-forest-fit',
    dataset: `synthetic: ${rows} x ${cols} standard normal, seed 1`,
    runs,
    npmFitCpuSeconds: round(median(npm.map((t) => t.cpuSeconds))),
    npmFitWallSeconds: round(median(npm.map((t) => t.wallSeconds))),
    oursFitCpuSeconds: round(median(ours.map((t) => t.cpuSeconds))),
    oursFitWallSeconds: round(median(ours.map((t) => t.wallSeconds))),
    npmOutlierScore: round(npm[0]!.value.predict([outlierObject])[0]!),
    oursOutlierScore: round(scoreMatrix(ours[0]!.value, { data: outlier, rows: 1, cols })[0]!),
    loadAverage: (await import('node:os')).loadavg().map((x) => round(x, 1)),
  }),
);
