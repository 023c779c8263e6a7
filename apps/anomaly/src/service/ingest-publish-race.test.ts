// Two ingests of one series that both fit its first model: the second publish loses the race for `latest`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';
import { seriesModelName } from './series-model-name.ts';

describe.each(testEngines())('a lost publish race during ingest on %s', (engine) => {
  let db: Awaited<ReturnType<typeof createTestDb>>;
  let modelDir: string;

  beforeAll(async () => {
    db = await createTestDb(engine);
    await ensureAnomalySchema(db);
    modelDir = mkdtempSync(join(tmpdir(), 'anomaly-race-'));
  });

  afterAll(async () => {
    await db.dispose();
    rmSync(modelDir, { recursive: true, force: true });
  });

  it('keeps the answer of a batch whose model another ingest published first: stored, scored, no error', async () => {
    // Another instance (a second store on the same folder) publishes the series' model between this one's write
    // and its pointer swap, as a concurrent POST /api/metrics of the same new series does.
    const rival = createFsModelStore(modelDir);
    let race: (() => Promise<void>) | undefined;
    const store = createFsModelStore(modelDir, {
      beforeCommit: async () => {
        const run = race;
        race = undefined;
        await run?.();
      },
    });
    const anomaly = createAnomaly({
      db,
      models: createSeriesModelSource(store),
      config: PIPELINE_TEST_CONFIG,
    });
    await anomaly.ingest(wave('donor', 0, 80));
    await anomaly.ingest(wave('donor-2', 0, 70));
    const donor = await rival.load(seriesModelName('donor'));
    const second = await rival.load(seriesModelName('donor-2'));
    race = async () => {
      await rival.publish(seriesModelName('raced'), donor.data, { metadata: { series: 'raced' } });
    };

    const report = await anomaly.ingest(wave('raced', 0, 80));
    expect(report.stored).toBe(80);
    expect(report.results.at(-1)).toMatchObject({ status: 'stored', verdict: 'normal' });
    // The winner serves; the loser's version was discarded, and the next batch scores with the winner.
    expect((await store.versions(seriesModelName('raced'))).length).toBe(1);
    const next = await anomaly.ingest(wave('raced', 80, 90));
    expect(next.stored).toBe(10);
    for (const r of next.results)
      expect(r).toMatchObject({ status: 'stored', verdict: expect.stringMatching(/^(normal|anomaly)$/) });

    // The refit timer's pass loses such a race too: that series is superseded, and the pass goes on.
    race = async () => {
      await rival.publish(seriesModelName('raced'), second.data, { metadata: { series: 'raced' } });
    };
    expect(await anomaly.refit('raced')).toMatchObject({ series: 'raced', status: 'superseded' });
    expect(await anomaly.refit('donor')).toMatchObject({ series: 'donor', status: 'published' });
  });
});
