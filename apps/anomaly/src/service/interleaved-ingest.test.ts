// A batch interleaved with points stored before it (a backfill of the minutes between them) is scored as the same
// points sent one request at a time: each after every stored point before it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_POSTER, PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';
import type { PointResult } from './process-metrics.ts';

describe.each(testEngines())('interleaved ingest on %s', (engine) => {
  // Two apps on two databases, so the one series has the same name (and forest seeds) in both.
  const apps: Array<{ anomaly: Anomaly; close(): Promise<void> }> = [];
  beforeAll(async () => {
    for (let k = 0; k < 2; k++) {
      const db = await createTestDb(engine);
      await ensureAnomalySchema(db);
      const dir = mkdtempSync(join(tmpdir(), 'anomaly-interleaved-'));
      const models = createSeriesModelSource(createFsModelStore(dir));
      const anomaly = createAnomaly({ db, models, config: PIPELINE_TEST_CONFIG, poster: PIPELINE_POSTER });
      apps.push({
        anomaly,
        close: async () => {
          await db.dispose();
          rmSync(dir, { recursive: true, force: true });
        },
      });
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
  });

  it('scores each backfilled point after the stored points before it, as one request per point would', async () => {
    const all = wave('bf.1', 0, 400, [331]);
    const even = all.filter((_, i) => i % 2 === 0);
    const odd = all.filter((_, i) => i % 2 === 1 && i > 300 && i < 342);
    const [batched, single] = apps.map((a) => a.anomaly) as [Anomaly, Anomaly];
    for (const anomaly of [batched, single]) expect((await anomaly.ingest(even)).stored).toBe(200);
    const inOne = await batched.ingest(odd);
    const oneByOne: PointResult[] = [];
    for (const p of odd) oneByOne.push(...(await single.ingest([p])).results);
    const scores = (results: PointResult[]) =>
      results.map((r) => ('score' in r ? [r.timestamp, r.score, r.verdict] : r));
    // Before: every point of the batch after the first was scored with no stored point between it and the last.
    expect(scores(inOne.results)).toEqual(scores(oneByOne));
    expect(inOne.results.find((r) => 'timestamp' in r && r.timestamp === all[331]!.timestamp)).toMatchObject({
      verdict: 'anomaly',
    });
  });
});
