// In-process streaming throughput: every NAB point pushed through a series detector (features, scoring, refits).
// Reports points per wall second and per CPU second (the per-core figure; the machine may be shared).
// Usage: tsx bench/stream-throughput.ts [nabDir] [--trees 50] [--window 8192]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '@suite/shared/ml';
import { createSeriesDetector } from '../src/stream/series-detector.ts';
import { getDataDir } from './data-paths.ts';
import { loadNabCorpus, nabCorpusName } from './nab/nab-corpus.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: { trees: { type: 'string', default: '50' }, window: { type: 'string', default: '8192' } },
});
const nabDir = positionals[0] ?? join(getDataDir(), 'nab');
const corpus = loadNabCorpus(nabDir);
const { files } = corpus;
const options = { nTrees: Number(args.trees), windowSize: Number(args.window) };
let points = 0;
let anomalies = 0;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (const file of files) {
  const detector = createSeriesDetector(createRng(1), options);
  for (let i = 0; i < file.values.length; i++) {
    if (detector.push(file.timestamps[i]!, file.values[i]!).verdict === 'anomaly') anomalies++;
  }
  points += file.values.length;
}
const wall = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
console.log(
  JSON.stringify({
    bench: 'stream-throughput',
    dataset: nabCorpusName(corpus) ?? nabDir,
    points,
    anomalies,
    options,
    wallSeconds: Number(wall.toFixed(3)),
    pointsPerSecond: Math.round(points / wall),
    pointsPerCpuSecond: Math.round(points / cpuSeconds),
    note: 'single thread; features + range-aware forest score + score likelihood + range alarm + sliding-window refits every 128 points',
    // The suite's goal for one core, not a figure measured on some data set.
    target: { pointsPerCpuSecond: 50_000 },
  }),
);
