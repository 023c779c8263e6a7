// Model fits of an ingest run before its transaction (which holds the batch's series locks), and the scores they
// give are taken only when the series did not change in between.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';
import type * as SeriesModelModule from '../stream/series-model.ts';

/** Transactions open now, and whether a fit ran inside one. */
const seen = vi.hoisted(() => ({ open: 0, fitsInside: 0, fitsOutside: 0 }));
vi.mock('../stream/series-model.ts', async (original) => {
  const real = await original<typeof SeriesModelModule>();
  return {
    ...real,
    fitSeriesModel: (...args: Parameters<typeof real.fitSeriesModel>) => {
      if (seen.open > 0) seen.fitsInside++;
      else seen.fitsOutside++;
      return real.fitSeriesModel(...args);
    },
  };
});

describe.each(testEngines())('model fits of an ingest on %s', (engine) => {
  let base: Awaited<ReturnType<typeof createTestDb>>;
  let modelDir: string;
  let anomaly: Anomaly;
  /** Runs once, just before the next transaction starts (another request's batch committing meanwhile). */
  let beforeNextTransaction: (() => Promise<unknown>) | undefined;

  beforeAll(async () => {
    base = await createTestDb(engine);
    await ensureAnomalySchema(base);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-fit-lock-'));
    const db: Db = {
      ...base,
      query: (text, params) => base.query(text, params),
      async transaction(fn) {
        const run = beforeNextTransaction;
        beforeNextTransaction = undefined;
        await run?.();
        seen.open++;
        try {
          return await base.transaction(fn);
        } finally {
          seen.open--;
        }
      },
    };
    const models = createSeriesModelSource(createFsModelStore(modelDir));
    anomaly = createAnomaly({ db, models, config: PIPELINE_TEST_CONFIG });
  });

  afterAll(async () => {
    await base.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });

  const scores = async (series: string) =>
    (await anomaly.scores(series, { limit: 1000 })).map((s) => [s.score, s.z, s.verdict]);

  it('fits a new series without its lock held: 200 points in one request fit several forests, none inside', async () => {
    seen.fitsInside = 0;
    seen.fitsOutside = 0;
    const report = await anomaly.ingest(wave('outside', 0, 200, 150));
    expect(report.stored).toBe(200);
    expect(report.results[150]).toMatchObject({ verdict: 'anomaly' });
    expect(seen.fitsOutside).toBeGreaterThan(1);
    expect(seen.fitsInside).toBe(0);
  });

  it('scores the batch again under the lock when a point of the series was stored in between, as in that order', async () => {
    // The reference, on a database of its own (a series' seeds follow its id): the rival's point, then the batch.
    const other = await createTestDb(engine);
    await ensureAnomalySchema(other);
    const reference = createAnomaly({
      db: other,
      models: createSeriesModelSource(createFsModelStore(join(modelDir, 'reference'))),
      config: PIPELINE_TEST_CONFIG,
    });
    await reference.ingest(wave('raced', 0, 1));
    await reference.ingest(wave('raced', 1, 200, 150));
    const expected = (await reference.scores('raced', { limit: 1000 })).map((s) => [s.score, s.z, s.verdict]);
    await other.dispose();
    // The same two requests the other way round: the batch is scored before its transaction, then the rival's
    // point commits, and the batch's transaction finds the series changed.
    beforeNextTransaction = () => anomaly.ingest(wave('raced', 0, 1));
    const report = await anomaly.ingest(wave('raced', 1, 200, 150));
    expect(beforeNextTransaction).toBeUndefined();
    expect(report.stored).toBe(199);
    expect(await scores('raced')).toEqual(expected);
  });
});
