// A batch over many series reads their histories a chunk of series at a time, so the rows held at once stay bounded
// (they were series x the history each needs, in one result), and scores every point as one request per series does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { loadAnomalyConfig } from '../config/anomaly-config.ts';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { PIPELINE_POSTER, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';
import type { PointResult } from './process-metrics.ts';
import { HISTORY_READ_WINDOWS } from './score-batch.ts';

/** A 64-point window: the bound is HISTORY_READ_WINDOWS x 64 rows, which 12 served series' look-backs exceed. */
const CONFIG = loadAnomalyConfig({
  ANOMALY_WINDOW_SIZE: '64',
  ANOMALY_MIN_POINTS: '16',
  ANOMALY_TREES: '10',
});

/** The database as it is, noting how many rows each history read returned. */
function recordingHistoryReads(db: Db) {
  const rows: number[] = [];
  const wrap = (q: Queryable): Queryable => ({
    query: async (text, params) => {
      const result = await q.query(text, params);
      if (text.includes('CROSS JOIN LATERAL')) rows.push(result.rows.length);
      return result as never;
    },
  });
  const recorded: Db = Object.create(db, {
    query: { value: wrap(db).query },
    transaction: { value: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))) },
  });
  return { db: recorded, rows };
}

describe.each(testEngines())('history reads of a wide batch on %s', (engine) => {
  const apps: Array<{ anomaly: Anomaly; rows: number[] }> = [];
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    for (let k = 0; k < 2; k++) {
      const raw = await createTestDb(engine);
      await ensureAnomalySchema(raw);
      const dir = mkdtempSync(join(tmpdir(), 'anomaly-chunks-'));
      const { db, rows } = recordingHistoryReads(raw);
      const models = createSeriesModelSource(createFsModelStore(dir));
      apps.push({ anomaly: createAnomaly({ db, models, config: CONFIG, poster: PIPELINE_POSTER }), rows });
      cleanups.push(async () => {
        await raw.dispose();
        rmSync(dir, { recursive: true, force: true });
      });
    }
  });
  afterAll(async () => {
    for (const close of cleanups) await close();
  });

  it('holds at most its bound of history rows at once, and scores as the series sent one by one', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `wide.${String(i).padStart(2, '0')}`);
    for (const { anomaly } of apps) for (const id of ids) await anomaly.ingest(wave(id, 0, 90));
    const next = ids.flatMap((id, i) => wave(id, 90, 92, i % 3 === 0 ? [91] : []));
    const [batched, alone] = apps as [(typeof apps)[0], (typeof apps)[0]];
    batched.rows.length = 0;
    const inOne = await batched.anomaly.ingest(next);
    // Before: one read of 12 x 64 = 768 rows (each served series' look-back).
    expect(batched.rows.length).toBeGreaterThan(1);
    expect(Math.max(...batched.rows)).toBeLessThanOrEqual(HISTORY_READ_WINDOWS * CONFIG.windowSize);
    expect(batched.rows.reduce((a, b) => a + b)).toBe(12 * 64);
    const oneByOne: PointResult[] = [];
    for (const id of ids)
      oneByOne.push(...(await alone.anomaly.ingest(next.filter((p) => p.series === id))).results);
    const scores = (results: PointResult[]) =>
      results
        .map((r) => ('score' in r ? [r.series, r.timestamp, r.score, r.z, r.threshold, r.verdict] : r))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(scores(inOne.results)).toEqual(scores(oneByOne));
    expect(inOne.results.every((r) => 'verdict' in r && r.verdict !== 'warming-up')).toBe(true);
  });
});
