// What a batch spread over many series costs: the same number of points sent as one point each of N series, and as
// N points of one series, through the app's ingest (validation, store, scoring, incidents), on PGlite in process or
// on the PostgreSQL server of DATABASE_URL (`--engine pg`, a throwaway schema). CPU is this process's only: the
// server's own work on `pg` is not counted.
// Usage: tsx bench/many-series-ingest.ts [--points 500] [--rounds 3] [--engine pglite|pg]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { loadAnomalyConfig } from '../src/config/anomaly-config.ts';
import { createAnomaly } from '../src/service/anomaly.ts';
import { createSeriesModelSource } from '../src/service/model-registry.ts';
import { ensureAnomalySchema } from '../src/store/anomaly-schema.ts';

const { values: args } = parseArgs({
  options: {
    points: { type: 'string', default: '500' },
    rounds: { type: 'string', default: '3' },
    engine: { type: 'string', default: 'pglite' },
  },
});
const n = Number(args.points);
if (args.engine !== 'pglite' && args.engine !== 'pg') throw new Error('--engine is pglite or pg');
const db = await createTestDb(args.engine);
await ensureAnomalySchema(db);
const dir = mkdtempSync(join(tmpdir(), 'many-series-'));
const models = createSeriesModelSource(createFsModelStore(dir));
const anomaly = createAnomaly({ db, models, config: loadAnomalyConfig({}) });
const T0 = Date.UTC(2024, 0, 1);

// A first small batch so the schema, the model store and the JIT are warm before anything is timed.
await anomaly.ingest([{ series: 'warm.up', timestamp: T0, value: 1 }]);
for (let round = 1; round <= Number(args.rounds); round++) {
  for (const shape of ['one point each of N series', 'N points of one series'] as const) {
    const points = Array.from({ length: n }, (_, i) =>
      shape === 'N points of one series'
        ? { series: `one.r${round}`, timestamp: T0 + i * 60_000, value: i % 7 }
        : { series: `many.r${round}.${i}`, timestamp: T0, value: i % 7 },
    );
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const report = await anomaly.ingest(points);
    const cpu = process.cpuUsage(cpu0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    console.log(
      JSON.stringify({
        bench: 'many-series-ingest',
        engine: args.engine,
        round,
        shape,
        points: n,
        stored: report.stored,
        wallMs: Math.round(performance.now() - t0),
        cpuMs: Math.round(cpuMs),
        cpuMsPerPoint: Number((cpuMs / n).toFixed(2)),
      }),
    );
  }
}
await db.dispose();
rmSync(dir, { recursive: true, force: true });
