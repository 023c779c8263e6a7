// A fresh instance on a store whose `latest` model of a series is garbage (another app's artifact under the name, a
// broken upload) still scores the series with the model it replaced, and /api/health says which version it serves.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetDb } from '@suite/shared/db';
import { createFsModelStore, type ModelStore } from '@suite/shared/models';
import { createTestDb, testEngines, healthModels, overwriteFsLatestPointer } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { health } from '../functions/health.ts';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';
import { seriesModelName } from './series-model-name.ts';

describe.each(testEngines())('anomaly on a latest series model that does not decode, on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let dir: string;
  let store: ModelStore;
  const instance = () => {
    const models = createSeriesModelSource(store);
    return { models, anomaly: createAnomaly({ db, models, config: PIPELINE_TEST_CONFIG }) };
  };
  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    dir = await mkdtemp(join(tmpdir(), 'anomaly-fallback-'));
    store = createFsModelStore(dir);
  });
  afterAll(async () => {
    await db.dispose();
    await rm(dir, { recursive: true, force: true });
    await resetDb(); // the one health's probe opened
  });

  it('a fresh instance still scores the series with the previous model, and health reports the fallback', async () => {
    const warm = instance();
    const fitted = await warm.anomaly.ingest(wave('checkout', 0, 60));
    expect(fitted.results[59]).toMatchObject({ verdict: 'normal' });
    const name = seriesModelName('checkout');
    const good = await store.latest(name);
    expect(good).toBeDefined();
    const foreign = await store.publish(name, new TextEncoder().encode('not an isolation forest'));

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const cold = instance();
      const report = await cold.anomaly.ingest(wave('checkout', 60, 70, [65]));
      expect(report.stored).toBe(10);
      expect(report.results[5]).toMatchObject({ verdict: 'anomaly', score: expect.any(Number) });
      expect(report.results[0]).toMatchObject({ verdict: 'normal', score: expect.any(Number) });
      expect((await cold.models.get('checkout'))?.version).toBe(good?.version);
      expect(errors.mock.calls.some(([line]) => String(line).includes(foreign.version))).toBe(true);

      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({
          cache: 'anomaly',
          name,
          version: good?.version,
          fallback: expect.objectContaining({ latest: foreign.version }),
        }),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it('a fresh instance scores with the newest model that loads when the latest pointer is no manifest', async () => {
    await instance().anomaly.ingest(wave('payments', 0, 60));
    const name = seriesModelName('payments');
    const good = await store.latest(name);
    await overwriteFsLatestPointer(dir, name, '[]');

    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const cold = instance();
      const report = await cold.anomaly.ingest(wave('payments', 60, 70, [65]));
      expect(report.results[5]).toMatchObject({ verdict: 'anomaly' });
      expect((await cold.models.get('payments'))?.version).toBe(good?.version);
      expect(await healthModels(health)).toContainEqual(
        expect.objectContaining({
          cache: 'anomaly',
          name,
          version: good?.version,
          fallback: expect.objectContaining({ latest: 'unreadable' }),
        }),
      );
    } finally {
      errors.mockRestore();
    }
  });
});
