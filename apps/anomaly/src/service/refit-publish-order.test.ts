// A refit fits without any lock: one that read fewer points must not publish over a model fitted on more.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly } from './anomaly.ts';
import { createSeriesModelSource, type SeriesModelSource } from './model-registry.ts';
import { seriesModelName } from './series-model-name.ts';

describe.each(testEngines())('refits publishing out of order on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let modelDir: string;

  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-refit-order-'));
  });

  afterAll(async () => {
    await db.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('keeps the newer model when a slower refit, fitted on fewer points, publishes after it', async () => {
    const store = createFsModelStore(modelDir);
    const fast = createAnomaly({ db, models: createSeriesModelSource(store), config: PIPELINE_TEST_CONFIG });
    await fast.ingest(wave('slow', 0, 100));
    await fast.ingest(wave('slow', 100, 300));
    // The slow refit has read its 300 points and fitted; before it publishes, 100 more points arrive and another
    // instance's refit publishes a model fitted on all 400.
    let rival: (() => Promise<unknown>) | undefined = async () => {
      await fast.ingest(wave('slow', 300, 400));
      expect(await fast.refit('slow')).toMatchObject({ status: 'published' });
    };
    const before = async () => {
      const run = rival;
      rival = undefined;
      await run?.();
    };
    const own = createSeriesModelSource(store);
    const delayed: SeriesModelSource = {
      ...own,
      tryPublish: async (...args) => (await before(), own.tryPublish(...args)),
      publishIfNewer: async (...args) => (await before(), own.publishIfNewer(...args)),
    };
    const slow = createAnomaly({ db, models: delayed, config: PIPELINE_TEST_CONFIG });
    const first = (await store.latest(seriesModelName('slow')))!;

    expect(await slow.refit('slow')).toMatchObject({ series: 'slow', status: 'superseded', rows: 300 });
    expect(rival).toBeUndefined();
    const served = (await store.latest(seriesModelName('slow')))!;
    expect(served.version).not.toBe(first.version);
    expect(served.metadata).toMatchObject({ source: 'refit', trainedRows: 400 });
    const [row] = await fast.listSeries(1, undefined, 'slow');
    expect(row).toMatchObject({ id: 'slow', modelVersion: served.version });
  });
});
