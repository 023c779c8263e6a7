// Every stage is idempotent: a message delivered twice (one after the other or at once) or a crash mid-chunk
// never counts a row twice or loses one. The stages are driven directly here, in pipeline order, on each engine.
import type { Db } from '@suite/shared/db';
import { testEngines } from '@suite/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPipelines, type Pipelines } from '../service/pipelines.ts';
import { createRecommenderTestKit, type RecommenderTestKit } from '../testing/recommender-test-kit.ts';
import {
  BAD_ROWS,
  latentFactorCsv,
  startPipelineStorage,
  type PipelineTestStorage,
} from './pipeline-test-kit.ts';

let storage: PipelineTestStorage;
const data = latentFactorCsv({ users: 30, items: 20, perUser: 8, seed: 3 });
const CHUNK = 60;

beforeAll(async () => {
  storage = await startPipelineStorage(CHUNK);
  await storage.upload('uploads/ratings.csv', data.csv + BAD_ROWS.join('\n') + '\n');
});
afterAll(() => storage?.azurite.stop());

/** The real database, failing the first statement that writes ratings: a crash in the middle of a chunk. */
function crashOnceOnRatings(db: Db): { db: Db; crashed: () => boolean } {
  let crashed = false;
  const fail = (text: string) => {
    if (!crashed && text.includes('INSERT INTO rec_ratings')) {
      crashed = true;
      throw new Error('instance lost mid-chunk');
    }
  };
  const wrap = <T extends Pick<Db, 'query'>>(q: T): T =>
    new Proxy(q, {
      get(target, property, receiver) {
        if (property === 'query')
          return (text: string, params?: unknown[]) => (fail(text), target.query(text, params));
        if (property === 'transaction')
          return (fn: (tx: unknown) => Promise<unknown>) =>
            (target as unknown as Db).transaction((tx) => fn(wrap(tx as unknown as Db)));
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
  return { db: wrap(db), crashed: () => crashed };
}

describe.each(testEngines())('pipeline stages on %s', (engine) => {
  let kit: RecommenderTestKit;
  let pipelines: Pipelines;
  beforeAll(async () => {
    kit = await createRecommenderTestKit(engine);
    pipelines = createPipelines({
      db: kit.db,
      store: () => kit.recommender.models.store(),
      config: storage.config,
      storage: storage.azurite.connectionString,
      log: () => {},
    });
  });
  afterAll(() => kit?.dispose());

  it(
    'counts every row once through repeats, a concurrent duplicate and a crash mid-chunk',
    { timeout: 120_000 },
    async () => {
      const run = await pipelines.start({
        blob: 'uploads/ratings.csv',
        options: { k: 3, storeRatings: true },
      });
      const m = (chunk: number) => ({ run: run.id, chunk });
      await pipelines.handle('split', m(0), 1);
      await pipelines.handle('split', m(0), 2);
      const chunks = (await pipelines.get(run.id)).chunks!;
      expect(chunks).toBe(Math.ceil((data.rows + BAD_ROWS.length) / CHUNK));

      const crashing = crashOnceOnRatings(kit.db);
      const flaky = createPipelines({
        db: crashing.db,
        store: () => kit.recommender.models.store(),
        config: storage.config,
        storage: storage.azurite.connectionString,
        log: () => {},
      });
      for (let c = 0; c < chunks; c++) {
        if (c === 1) {
          await expect(flaky.handle('clean', m(c), 1)).rejects.toThrow('instance lost mid-chunk');
          expect(crashing.crashed()).toBe(true);
          await pipelines.handle('clean', m(c), 2);
        } else {
          // Two deliveries of the same message at once, then a late third.
          await Promise.all([pipelines.handle('clean', m(c), 1), pipelines.handle('clean', m(c), 1)]);
          await pipelines.handle('clean', m(c), 2);
        }
        await pipelines.handle('features', m(c), 1);
        await pipelines.handle('features', m(c), 2);
      }
      for (let c = 0; c < chunks; c++) {
        await pipelines.handle('train', m(c), 1);
        await pipelines.handle('train', m(c), 2);
        await pipelines.handle('evaluate', m(c), 1);
      }
      await pipelines.handle('evaluate', m(0), 2);
      await pipelines.handle('publish', m(0), 1);
      await pipelines.handle('publish', m(0), 2);

      const view = await pipelines.get(run.id);
      expect(view.state).toBe('succeeded');
      const stage = Object.fromEntries(view.stages.map((s) => [s.stage, s]));
      expect(stage.clean).toMatchObject({
        chunksDone: chunks,
        rowsIn: data.rows + BAD_ROWS.length,
        rejected: BAD_ROWS.length,
        written: data.rows,
      });
      expect(stage.clean!.totals.inserted).toBe(data.rows);
      expect(stage.train).toMatchObject({ chunksDone: chunks, rowsIn: data.rows });
      expect(stage.publish).toMatchObject({ chunksDone: 1, written: 1 });
      expect(view.failures).toEqual([
        expect.objectContaining({ stage: 'clean', chunk: 1, attempts: 1, poisoned: false }),
      ]);
      const stored = await kit.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM rec_ratings`);
      expect(stored.rows[0]!.n).toBe(data.rows);
      const versions = await kit.recommender.models.store().versions(kit.recommender.models.names()[0]!);
      expect(versions).toHaveLength(1);
    },
  );

  it('records each failed try, and a poisoned chunk fails the run naming it', async () => {
    const run = await pipelines.start({ blob: 'uploads/ratings.csv', options: { k: 3 } });
    const missing = { run: run.id, chunk: 9 };
    for (const attempt of [1, 2]) {
      await expect(pipelines.handle('clean', missing, attempt)).rejects.toThrow();
    }
    await pipelines.poisoned('clean', missing);
    const view = await pipelines.get(run.id);
    expect(view.state).toBe('failed');
    expect(view.error).toMatch(
      /chunk 9 of stage clean failed every attempt; its message is in rec-pipeline-clean-poison \(last error: .+\)/,
    );
    expect(view.failures).toEqual([
      expect.objectContaining({ stage: 'clean', chunk: 9, attempts: 2, poisoned: true }),
    ]);
  });

  it(
    'trains the same model whatever the delivery order of the chunks before training',
    { timeout: 120_000 },
    async () => {
      const rmse = async (order: 'forward' | 'reverse') => {
        const run = await pipelines.start({
          blob: 'uploads/ratings.csv',
          options: { k: 3, storeRatings: false, publish: false },
        });
        const m = (chunk: number) => ({ run: run.id, chunk });
        await pipelines.handle('split', m(0), 1);
        const chunks = (await pipelines.get(run.id)).chunks!;
        const list = [...Array(chunks).keys()];
        for (const c of order === 'forward' ? list : list.reverse()) {
          await pipelines.handle('clean', m(c), 1);
          await pipelines.handle('features', m(c), 1);
          // Train refuses to run ahead of the previous chunk: an early message does nothing.
          await pipelines.handle('train', m(c), 1);
        }
        for (const c of list.sort((a, b) => a - b)) {
          await pipelines.handle('train', m(c), 1);
          await pipelines.handle('evaluate', m(c), 1);
        }
        await pipelines.handle('publish', m(0), 1);
        return (await pipelines.get(run.id)).heldOutRmse;
      };
      const forward = await rmse('forward');
      expect(forward).toBeGreaterThan(0);
      expect(await rmse('reverse')).toBe(forward);
    },
  );
});
