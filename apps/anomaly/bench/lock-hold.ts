// How long an ingest holds its series locks: every transaction of the app's ingest timed from its start (the lock is
// taken by its first statements) to its commit, in wall time and in this process's CPU time (on PGlite the engine's
// work is in process and counted; on `--engine pg` the server's is not). Two shapes of work on new series, the ones
// that fit models on the way: a series' first 2,000 points in one request (a fit every 32-128 points while it warms
// up), and 30 requests of 100 points (the first model fitted when the series reaches its minimum).
// Usage: nice tsx bench/lock-hold.ts [--engine pglite|pg] [--rounds 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Db } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { loadAnomalyConfig } from '../src/config/anomaly-config.ts';
import { createAnomaly } from '../src/service/anomaly.ts';
import { createSeriesModelSource } from '../src/service/model-registry.ts';
import { ensureAnomalySchema } from '../src/store/anomaly-schema.ts';

const { values: args } = parseArgs({
  options: { engine: { type: 'string', default: 'pglite' }, rounds: { type: 'string', default: '3' } },
});
if (args.engine !== 'pglite' && args.engine !== 'pg') throw new Error('--engine is pglite or pg');
const base = await createTestDb(args.engine);
await ensureAnomalySchema(base);

/** Transactions seen since the last `take()`: wall and CPU ms each. */
let held: Array<{ wallMs: number; cpuMs: number }> = [];
const db: Db = {
  ...base,
  query: (text, params) => base.query(text, params),
  async transaction(fn) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    try {
      return await base.transaction(fn);
    } finally {
      const cpu = process.cpuUsage(cpu0);
      held.push({ wallMs: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 });
    }
  },
};
const dir = mkdtempSync(join(tmpdir(), 'lock-hold-'));
const anomaly = createAnomaly({
  db,
  models: createSeriesModelSource(createFsModelStore(dir)),
  config: loadAnomalyConfig({}),
});
const T0 = Date.UTC(2024, 0, 1);
const wave = (series: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    return { series, timestamp: T0 + i * 60_000, value: 50 + 10 * Math.sin(i / 15) + ((i * 7919) % 13) / 13 };
  });
const round2 = (x: number) => Number(x.toFixed(2));

await anomaly.ingest(wave('warm.up', 0, 200)); // schema, model store and JIT warm before anything is timed
for (let round = 1; round <= Number(args.rounds); round++) {
  const shapes: Array<[string, Array<ReturnType<typeof wave>>]> = [
    ['2,000 points of a new series in one request', [wave(`one.r${round}`, 0, 2000)]],
    [
      '30 requests of 100 points of a new series',
      Array.from({ length: 30 }, (_, b) => wave(`many.r${round}`, b * 100, b * 100 + 100)),
    ],
  ];
  for (const [shape, requests] of shapes) {
    held = [];
    const cpu0 = process.cpuUsage();
    for (const points of requests) await anomaly.ingest(points);
    const cpu = process.cpuUsage(cpu0);
    const walls = held.map((h) => h.wallMs).sort((a, b) => a - b);
    console.log(
      JSON.stringify({
        bench: 'lock-hold',
        engine: args.engine,
        round,
        shape,
        transactions: held.length,
        heldWallMsTotal: round2(walls.reduce((a, b) => a + b, 0)),
        heldWallMsMax: round2(walls.at(-1) ?? 0),
        heldCpuMsTotal: round2(held.reduce((a, h) => a + h.cpuMs, 0)),
        heldCpuMsMax: round2(Math.max(0, ...held.map((h) => h.cpuMs))),
        cpuMsTotal: round2((cpu.user + cpu.system) / 1000),
        loadavg1: round2(loadavg()[0]!),
      }),
    );
  }
}
await base.dispose();
rmSync(dir, { recursive: true, force: true });
