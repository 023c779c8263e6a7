// A batch over many series is one transaction of set-based statements, scores every point as the series sent
// alone would, and two such batches sharing series, sent at once, both land whole.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { seriesWithRuns } from '../store/batch-repository.ts';
import { PIPELINE_POSTER, PIPELINE_TEST_CONFIG, wave } from '../testing/pipeline-test-kit.ts';
import { createAnomaly, type Anomaly } from './anomaly.ts';
import { createSeriesModelSource } from './model-registry.ts';
import type { PointResult } from './process-metrics.ts';

/** The database as it is, counting the statements and transactions the app sends through it. */
function counting(db: Db) {
  const counts = { statements: 0, transactions: 0 };
  const wrap = (q: Queryable): Queryable => ({
    query: (text, params) => {
      counts.statements++;
      return q.query(text, params);
    },
  });
  const counted: Db = Object.create(db, {
    query: { value: wrap(db).query },
    transaction: {
      value: <T>(fn: (tx: Queryable) => Promise<T>) => {
        counts.transactions++;
        return db.transaction((tx) => fn(wrap(tx)));
      },
    },
  });
  return { db: counted, counts };
}

describe.each(testEngines())('a batch over many series on %s', (engine) => {
  const apps: Array<{ anomaly: Anomaly; db: Db; counts: { statements: number; transactions: number } }> = [];
  const cleanups: Array<() => Promise<void>> = [];
  beforeAll(async () => {
    // Two apps on two databases, so the same series have the same names (and forest seeds) in both.
    for (let k = 0; k < 2; k++) {
      const raw = await createTestDb(engine);
      await ensureAnomalySchema(raw);
      const dir = mkdtempSync(join(tmpdir(), 'anomaly-many-'));
      const { db, counts } = counting(raw);
      const models = createSeriesModelSource(createFsModelStore(dir));
      const anomaly = createAnomaly({ db, models, config: PIPELINE_TEST_CONFIG, poster: PIPELINE_POSTER });
      apps.push({ anomaly, db: raw, counts });
      cleanups.push(async () => {
        await raw.dispose();
        rmSync(dir, { recursive: true, force: true });
      });
    }
  });
  afterAll(async () => {
    for (const close of cleanups) await close();
  });

  it('sends as many statements for 40 one-point series as for 10, in one transaction', async () => {
    const { anomaly, counts } = apps[0]!;
    const batchOf = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({ ...wave(`count.${tag}.${i}`, 0, 1)[0]! }));
    const cost = async (n: number, tag: string) => {
      const before = { ...counts };
      expect((await anomaly.ingest(batchOf(n, tag))).stored).toBe(n);
      return {
        statements: counts.statements - before.statements,
        transactions: counts.transactions - before.transactions,
      };
    };
    await cost(1, 'warm'); // the first call of an app also makes sure of the schema
    const ten = await cost(10, 'a');
    // Before: a transaction per series, each of some ten statements (40 transactions, 400 statements).
    expect(await cost(40, 'b')).toEqual(ten);
    expect(ten.transactions).toBe(1);
  });

  it('scores each series of the batch as the series sent alone would, backfills and resent points included', async () => {
    const [batched, alone] = apps.map((a) => a.anomaly) as [Anomaly, Anomaly];
    const names = ['m.a', 'm.b', 'm.c', 'm.d'];
    // Models for three series; the fourth stays warming up. m.c gets every other minute, to be backfilled.
    for (const app of [batched, alone]) {
      for (const s of names.slice(0, 2)) await app.ingest(wave(s, 0, 70));
      await app.ingest(wave('m.c', 0, 140).filter((_, i) => i % 2 === 0));
      await app.ingest(wave('m.d', 0, 20));
    }
    const next = [
      ...wave('m.a', 70, 80, [75]),
      ...wave('m.b', 70, 71),
      ...wave('m.c', 0, 140).filter((_, i) => i % 2 === 1 && i > 100),
      ...wave('m.d', 20, 60),
      ...wave('m.a', 69, 70),
      { ...wave('m.b', 69, 70)[0]!, value: 99 },
    ];
    const inOne = await batched.ingest(next);
    const oneByOne: PointResult[] = [];
    for (const s of names) oneByOne.push(...(await alone.ingest(next.filter((p) => p.series === s))).results);
    const scores = (results: PointResult[]) =>
      results
        .map((r) => ('score' in r ? [r.series, r.timestamp, r.status, r.score, r.z, r.verdict] : r))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(scores(inOne.results)).toEqual(scores(oneByOne));
    expect(inOne.anomalies).toBeGreaterThan(0);
    expect(inOne.results.filter((r) => r.status === 'conflict')).toHaveLength(1);
  });

  it('lands two batches sharing series sent at once in opposite orders, every point counted once', async () => {
    const { anomaly, db } = apps[1]!;
    const ids = Array.from({ length: 12 }, (_, i) => `race.${i}`);
    const batch = (from: number, order: string[]) => order.flatMap((s) => wave(s, from, from + 5));
    const [first, second] = await Promise.all([
      anomaly.ingest(batch(0, ids)),
      anomaly.ingest(batch(5, [...ids].reverse())),
    ]);
    expect(first.stored + second.stored).toBe(120);
    const rows = await db.query<{ id: string; point_count: number; stored: number }>(
      `SELECT s.id, s.point_count, (SELECT count(*) FROM anomaly_points p WHERE p.series = s.id) AS stored
       FROM anomaly_series s WHERE s.id LIKE 'race.%' ORDER BY s.id`,
    );
    expect(rows.rows).toHaveLength(12);
    for (const r of rows.rows) expect([r.point_count, Number(r.stored)]).toEqual([10, 10]);
  });
  it('spans a series of 200,000 fresh points (an Event Hubs event has no point cap) without a stack overflow', async () => {
    const start = Date.UTC(2026, 0, 1);
    const timestampsMs = Array.from({ length: 200_000 }, (_, i) => start + i * 1000);
    // Math.min(...timestampsMs) threw RangeError "Maximum call stack size exceeded" from about 150,000 points.
    await expect(seriesWithRuns(apps[0]!.db, [{ series: 'huge.one', timestampsMs }])).resolves.toEqual(
      new Set(),
    );
  });
});
