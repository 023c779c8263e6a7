// A publish superseded by a model another process published and then died before recording: the row still ends
// naming the served model (second reading's finding: it ended with no version, no points and no publish mark).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { claimModelPublish } from '../store/model-record-repository.ts';
import { PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';
import { publishSeriesModel } from './publish-series-model.ts';
import { seriesModelName } from './series-model-name.ts';

describe.each(testEngines())('a superseded publish after a dead one on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let modelDir: string;

  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-superseded-'));
  });

  afterAll(async () => {
    await db.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('records the model the dead publish left in the store', async () => {
    const models = createSeriesModelSource(createFsModelStore(modelDir));
    const anomaly = createAnomaly({ db, models, config: PIPELINE_TEST_CONFIG });
    await anomaly.ingest(wave('s', 0, 100));
    const { model } = await models.getNamed(seriesModelName('s'));

    // Instance A claims with 300 points, publishes, and dies before its record.
    expect(await claimModelPublish(db, 's', 300)).toBeDefined();
    // (Another model's bytes: the store gives the same bytes their existing version.)
    const refitted = { ...model, trainedRows: 300 };
    const dead = await models.publishIfNewer('s', refitted, 300, { source: 'refit' });
    expect(dead).toBeDefined();

    // Instance B, a refit that read 290 points, claims next and finds a model fitted on more points served.
    expect(await publishSeriesModel(db, models, 's', model, 290, 'refit')).toBeUndefined();

    const [row] = await anomaly.listSeries(1, undefined, 's');
    expect(row).toMatchObject({ id: 's', modelVersion: dead });
    const marks = await db.query<{ points: number | null; mark: string | null }>(
      `SELECT model_points AS points, model_publish_started_at::text AS mark FROM anomaly_series WHERE id = 's'`,
    );
    expect(marks.rows[0]).toEqual({ points: 300, mark: null });
  });
});
