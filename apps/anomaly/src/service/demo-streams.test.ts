// SEED_DEMO on real database engines: an empty database gets three demo streams whose injected spikes are
// flagged; a database with series is left alone; each tick adds one point per series.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAnomalyConfig } from '../config/anomaly-config.ts';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { DEMO_STEP_MS, feedDemoStreams, seedDemoStreams, type DemoPoint } from './demo-streams.ts';
import { createSeriesModelSource } from './model-registry.ts';

describe.each(testEngines())('demo streams on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let anomaly: Anomaly;
  let modelDir: string;
  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    modelDir = mkdtempSync(join(tmpdir(), 'demo-streams-'));
    anomaly = createAnomaly({
      db,
      models: createSeriesModelSource(createFsModelStore(modelDir)),
      config: loadAnomalyConfig({}),
    });
  });
  afterAll(async () => {
    await db?.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('backfills an hour of three streams once, flags injected spikes, then adds a point per series a tick', async () => {
    const now = Date.UTC(2026, 10, 30, 10, 0, 0);
    const lines: string[] = [];
    const deps = {
      ingest: (points: DemoPoint[]) => anomaly.ingest(points),
      hasSeries: async () => (await anomaly.listSeries(1)).length > 0,
      log: (line: string) => lines.push(line),
    };
    expect(await seedDemoStreams(deps, now)).toBe(true);
    expect(lines.join()).toContain('1080 points');
    const series = await anomaly.listSeries(10);
    expect(series.map((s) => s.id).sort()).toEqual([
      'demo-cpu-percent',
      'demo-latency-ms',
      'demo-orders-per-min',
    ]);
    const found = await anomaly.anomalies('demo-latency-ms', { limit: 100 });
    expect(found.length).toBeGreaterThan(0);
    expect(await seedDemoStreams(deps, now)).toBe(false);
    const tick = await feedDemoStreams(deps, now + DEMO_STEP_MS);
    expect(tick.stored).toBe(3);
  });
});
