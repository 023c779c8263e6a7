// A process killed between publishing a series' model and recording its version: other instances serve that model
// instead of taking the series for one without a model and fitting it again, and the record is finished later.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly } from './anomaly.ts';
import { recoverModelRecords } from './model-record-recovery.ts';
import { createSeriesModelSource } from './model-registry.ts';
import { seriesModelName } from './series-model-name.ts';

const CHILD = fileURLToPath(new URL('../testing/fixtures/publish-then-hang-child.ts', import.meta.url));

/** Runs the child, kills it (SIGKILL) once it says the model is published, and returns the version it named. */
function publishThenKill(args: string[]): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: 'pipe' });
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const version = /^published (\S+)\n/.exec(out)?.[1];
      if (signal === 'SIGKILL' && version && version !== 'undefined') resolve(version);
      else
        reject(
          new Error(`child ended (${String(code)}, ${String(signal)}) before publishing: ${out} ${err}`),
        );
    });
  });
}

describe.each(testEngines())('a publish cut short by a crash on %s', (engine) => {
  const dir = mkdtempSync(join(tmpdir(), 'anomaly-publish-crash-'));
  const modelDir = join(dir, 'models');
  let db: Db;
  let dispose: () => Promise<void>;
  let version: string;

  beforeAll(async () => {
    if (engine === 'pglite') {
      const dataDir = join(dir, 'pglite');
      version = await publishThenKill([modelDir, 'killed', dataDir]);
      db = createDb({ dataDir }); // opened after the kill: PGlite's folder has one process at a time
      dispose = () => db.close();
    } else {
      const test = await createTestDb('pg');
      await ensureAnomalySchema(test);
      version = await publishThenKill([modelDir, 'killed', '', process.env.DATABASE_URL!, test.schema!]);
      db = test;
      dispose = () => test.dispose();
    }
    await ensureAnomalySchema(db);
  }, 240_000);

  afterAll(async () => {
    await dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the published model on another instance, fits no other, and records it when recovered', async () => {
    const store = createFsModelStore(modelDir);
    const models = createSeriesModelSource(store);
    const anomaly = createAnomaly({ db, models, config: PIPELINE_TEST_CONFIG });
    const report = await anomaly.ingest(wave('killed', 80, 100));
    expect(report.stored).toBe(20);
    // The dead process's model scores these points; before, the series was taken for one without a model, scored
    // from its stored window and a second model fitted and published.
    expect((await store.versions(seriesModelName('killed'))).map((m) => m.version)).toEqual([version]);
    expect(models.holds('killed')).toBe(true);

    // The start-up recovery leaves a mark younger than a live publish can be; the timer's, later, records it.
    expect(await recoverModelRecords(db, models, 0)).toEqual(['killed']);
    const [row] = await anomaly.listSeries(1, undefined, 'killed');
    expect(row).toMatchObject({ id: 'killed', modelVersion: version });
    expect(await recoverModelRecords(db, models, 0)).toEqual([]);
  });
});
