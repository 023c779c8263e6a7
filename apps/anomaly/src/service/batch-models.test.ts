// A batch's models come in one pass: no model-store read for a series without a model, one for a recorded model this
// instance does not hold yet, none for one it holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsModelStore, type ModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_POSTER, PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';

/** The store as it is, counting its reads of `latest` pointers and artifacts. */
function countingReads(store: ModelStore) {
  const reads = { count: 0 };
  const counted: ModelStore = {
    ...store,
    latest: (name) => (reads.count++, store.latest(name)),
    load: (name, version) => (reads.count++, store.load(name, version)),
  };
  return { store: counted, reads };
}

describe.each(testEngines())('the models of a batch on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let dir: string;
  const instance = () => {
    const { store, reads } = countingReads(createFsModelStore(dir));
    const models = createSeriesModelSource(store);
    const anomaly = createAnomaly({ db, models, config: PIPELINE_TEST_CONFIG, poster: PIPELINE_POSTER });
    return { anomaly, reads };
  };
  let first: { anomaly: Anomaly; reads: { count: number } };
  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    dir = mkdtempSync(join(tmpdir(), 'anomaly-batch-models-'));
    first = instance();
  });
  afterAll(async () => {
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the model store for none of 40 new one-point series (it read it 40 times, once per series)', async () => {
    const batch = Array.from({ length: 40 }, (_, i) => wave(`new.${i}`, 0, 1)[0]!);
    expect((await first.anomaly.ingest(batch)).stored).toBe(40);
    expect(first.reads.count).toBe(0);
  });

  it('loads a model another instance published once, then serves it from the warm cache', async () => {
    // The first instance fits and publishes the series' model when it reaches its minimum (50 points here).
    await first.anomaly.ingest(wave('fitted', 0, 60));
    const cold = instance();
    const next = [
      ...wave('fitted', 60, 61),
      ...Array.from({ length: 10 }, (_, i) => wave(`more.${i}`, 0, 1)[0]!),
    ];
    const report = await cold.anomaly.ingest(next);
    expect(report.results[0]).toMatchObject({ series: 'fitted', status: 'stored', verdict: 'normal' });
    const afterCold = cold.reads.count;
    expect(afterCold).toBeGreaterThan(0); // its latest pointer, then its artifact
    expect(afterCold).toBeLessThanOrEqual(2);
    await cold.anomaly.ingest(wave('fitted', 61, 62));
    expect(cold.reads.count).toBe(afterCold);
  });
});
