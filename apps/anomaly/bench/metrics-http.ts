// POST /api/metrics throughput through the local dev host: batches of 1,000 points, points per second and p99.
// Uses DATABASE_URL when set (Postgres), else embedded PGlite; models go to a temporary folder.
// Usage: tsx bench/metrics-http.ts [--batches 30] [--series 10] [--batch-size 1000]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from '@suite/shared/ml';

const { values: args } = parseArgs({
  options: {
    batches: { type: 'string', default: '30' },
    series: { type: 'string', default: '10' },
    'batch-size': { type: 'string', default: '1000' },
  },
});
const batches = Number(args.batches);
const seriesCount = Number(args.series);
const batchSize = Number(args['batch-size']);
const modelDir = mkdtempSync(join(tmpdir(), 'anomaly-bench-models-'));
process.env['MODEL_DIR'] = modelDir;
// Ingest writes shared data: with API_KEYS off it takes the admin key.
const BENCH_ADMIN_KEY = 'bench-admin-key';
process.env['ADMIN_KEY'] = BENCH_ADMIN_KEY;
const { startHost } = await import('@suite/host');
const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'index.ts');
const host = await startHost({ entry, port: 0, timers: false, log: () => {} });
// Series ids carry a run id so a rerun against the same Postgres database stores fresh points instead of
// duplicates; the noise on the values is seeded.
const run = Date.now().toString(36);
const rng = createRng(1);
const start = Date.UTC(2024, 0, 1);
const latencies: number[] = [];
let points = 0;
const t0 = performance.now();
try {
  for (let b = 0; b < batches; b++) {
    // Each batch carries the next stretch of every series, as a collector flushing on a timer would.
    const perSeries = Math.floor(batchSize / seriesCount);
    const batch = [];
    for (let s = 0; s < seriesCount; s++) {
      for (let i = 0; i < perSeries; i++) {
        const n = b * perSeries + i;
        batch.push({
          series: `bench.${run}.${s}`,
          timestamp: new Date(start + n * 60_000).toISOString(),
          value: 100 + 10 * Math.sin(n / 30 + s) + rng.next(),
        });
      }
    }
    const t = performance.now();
    const res = await fetch(`${host.url}/api/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-key': BENCH_ADMIN_KEY },
      body: JSON.stringify(batch),
    });
    if (res.status !== 200) throw new Error(`POST /api/metrics answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    latencies.push(performance.now() - t);
    points += batch.length;
  }
} finally {
  await host.close();
  rmSync(modelDir, { recursive: true, force: true });
}
const seconds = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) =>
  Number(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1));
console.log(
  JSON.stringify({
    bench: 'metrics-http',
    dataset: 'synthetic: a sine per series plus seeded uniform noise',
    engine: process.env['DATABASE_URL'] ? 'pg' : 'pglite',
    batches,
    batchSize,
    series: seriesCount,
    points,
    pointsPerSecond: Math.round(points / seconds),
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    note: 'sequential requests through the local dev host; includes store, score, anomaly writes',
  }),
);
// The app's singletons loaded in this process (database pool, model cache) may keep the event loop alive after
// host.close(); observed on 2026-11-26 as a hang after the figures were printed, which blocked `npm run bench`.
process.exit(0);
