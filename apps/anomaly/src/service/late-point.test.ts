// A late point (older than points already scored) is scored from the points before it, and the points after it keep
// the scores, verdicts and anomalies they were answered and alerted with (README, "How it works").
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';

describe.each(testEngines())('a late point on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let modelDir: string;
  let anomaly: Anomaly;

  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-late-'));
    anomaly = createAnomaly({
      db,
      models: createSeriesModelSource(createFsModelStore(modelDir)),
      config: PIPELINE_TEST_CONFIG,
    });
  });

  afterAll(async () => {
    await db.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('is judged from the points before it, and leaves the later points as they were answered', async () => {
    // Minute 100 is missing, and a spike at 110 was answered and recorded as an anomaly.
    await anomaly.ingest(wave('late', 0, 100));
    await anomaly.ingest(wave('late', 101, 130, 110));
    const before = await anomaly.scores('late', { limit: 1000 });
    const anomaliesBefore = await anomaly.anomalies('late', { limit: 100 });
    expect(anomaliesBefore.map((a) => a.timestamp)).toContain(wave('late', 110, 111)[0]!.timestamp);

    // Minute 100 arrives late, as a spike: it alarms, scored after minutes 0-99 only.
    const report = await anomaly.ingest(wave('late', 100, 101, 100));
    expect(report.results).toEqual([
      expect.objectContaining({ status: 'stored', verdict: 'anomaly', score: expect.any(Number) }),
    ]);
    const after = await anomaly.scores('late', { limit: 1000 });
    const late = wave('late', 100, 101)[0]!.timestamp;
    expect(after.filter((s) => s.timestamp !== late)).toEqual(before);
    const anomaliesAfter = await anomaly.anomalies('late', { limit: 100 });
    expect(anomaliesAfter.filter((a) => a.timestamp !== late)).toEqual(anomaliesBefore);
    expect(anomaliesAfter.map((a) => a.timestamp)).toContain(late);
  });
});
