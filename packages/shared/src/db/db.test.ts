// The Db contract on each engine: queries, transactions and their isolation, errors, types, ping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latch } from '../testing/latch.ts';
import { createTestDb, testEngines, type TestDb } from '../testing/test-db.ts';
import { QueryError } from './db-errors.ts';

/** Lets every queued promise callback run (one event-loop turn), so work already issued reaches its queue. */
const drain = () => new Promise<void>((resolve) => setImmediate(resolve));

describe.each(testEngines())('Db on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(engine);
  });
  afterAll(() => db?.dispose());

  it('reports its engine', () => {
    expect(db.engine).toBe(engine);
  });

  it('runs parameterised queries and counts returned and changed rows', async () => {
    await db.query('CREATE TABLE items (id int PRIMARY KEY, label text NOT NULL, at timestamptz)');
    const inserted = await db.query('INSERT INTO items VALUES ($1, $2, now()), ($3, $4, now())', [
      1,
      'a',
      2,
      'b',
    ]);
    expect(inserted.rowCount).toBe(2);
    const { rows, rowCount } = await db.query<{ id: number; label: string; at: Date }>(
      'SELECT id, label, at FROM items WHERE id >= $1 ORDER BY id',
      [1],
    );
    expect(rowCount).toBe(2);
    expect(rows.map((r) => [r.id, r.label])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
    expect(rows[0]!.at).toBeInstanceOf(Date);
  });

  it('runs several statements in one parameterless call and returns the last result', async () => {
    const result = await db.query<{ n: number }>(
      'CREATE TABLE multi (n int); INSERT INTO multi VALUES (7); SELECT n FROM multi',
    );
    expect(result.rows).toEqual([{ n: 7 }]);
  });

  it('commits a transaction and returns its value', async () => {
    await db.query('CREATE TABLE tx_commit (n int)');
    const value = await db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_commit VALUES ($1)', [1]);
      return 'done';
    });
    expect(value).toBe('done');
    expect((await db.query('SELECT n FROM tx_commit')).rows).toEqual([{ n: 1 }]);
  });

  it('rolls a transaction back when its callback throws, and rethrows', async () => {
    await db.query('CREATE TABLE tx_rollback (n int)');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_rollback VALUES ($1)', [1]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await db.query('SELECT n FROM tx_rollback')).rows).toEqual([]);
  });

  it('keeps a plain query out of a concurrent transaction that rolls back', async () => {
    await db.query('CREATE TABLE tx_isolated (label text)');
    const inserted = latch();
    const release = latch();
    const failing = db.transaction(async (tx) => {
      await tx.query("INSERT INTO tx_isolated VALUES ('in-tx')");
      inserted.open();
      await release.promise;
      throw new Error('abort');
    });
    await inserted.promise;
    const outside = db.query("INSERT INTO tx_isolated VALUES ('outside')");
    await drain();
    release.open();
    await expect(failing).rejects.toThrow('abort');
    await outside;
    expect((await db.query('SELECT label FROM tx_isolated')).rows).toEqual([{ label: 'outside' }]);
  });

  it('queues concurrent read-modify-write transactions so none is lost', async () => {
    await db.query(
      'CREATE TABLE tx_counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO tx_counter VALUES (1, 0)',
    );
    await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction(async (tx) => {
          const { rows } = await tx.query<{ n: number }>('SELECT n FROM tx_counter WHERE id = 1 FOR UPDATE');
          await drain(); // the other nine get every chance to read the same n meanwhile
          await tx.query('UPDATE tx_counter SET n = $1 WHERE id = 1', [rows[0]!.n + 1]);
        }),
      ),
    );
    expect((await db.query('SELECT n FROM tx_counter')).rows).toEqual([{ n: 10 }]);
  });

  it('refuses to report a commit of a failed transaction as success', async () => {
    await db.query('CREATE TABLE tx_failed (n int PRIMARY KEY)');
    const attempt = db.transaction(async (tx) => {
      await tx.query('INSERT INTO tx_failed VALUES (1)');
      await tx.query('INSERT INTO tx_failed VALUES (1)').catch(() => undefined); // swallowed by the caller
    });
    await expect(attempt).rejects.toMatchObject({ name: 'QueryError', code: '25P02' });
    expect((await db.query('SELECT n FROM tx_failed')).rows).toEqual([]);
  });

  it('does not deadlock when a transaction callback uses the db handle itself', async () => {
    const value = await db.transaction(
      async () => (await db.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one,
    );
    expect(value).toBe(1);
  });

  it('runs a query started inside a transaction but issued after it ended on its own, not inside the next one', async () => {
    await db.query('CREATE TABLE tx_late (label text)');
    let late: Promise<unknown> = Promise.resolve();
    const issueLate = latch();
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO tx_late VALUES ('in-tx')");
      // Fire-and-forget work begun in the callback outlives the transaction.
      late = issueLate.promise.then(() => db.query("INSERT INTO tx_late VALUES ('late')"));
    });
    // A second transaction holds the connection when the late insert is issued, then rolls back.
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO tx_late VALUES ('rolled-back')");
        issueLate.open();
        await drain();
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await late;
    expect((await db.query('SELECT label FROM tx_late ORDER BY label')).rows).toEqual([
      { label: 'in-tx' },
      { label: 'late' },
    ]);
  });

  it.runIf(engine === 'pglite')(
    'nests a transaction opened inside another as a savepoint on PGlite',
    async () => {
      await db.query('CREATE TABLE nested (v text)');
      await db.transaction(async (tx) => {
        await tx.query("INSERT INTO nested VALUES ('outer')");
        await expect(
          db.transaction(async (inner) => {
            await inner.query("INSERT INTO nested VALUES ('inner')");
            throw new Error('inner fails');
          }),
        ).rejects.toThrow('inner fails');
      });
      expect((await db.query('SELECT v FROM nested')).rows).toEqual([{ v: 'outer' }]);
    },
  );

  it('throws QueryError carrying the SQLSTATE and the driver error for a failed statement', async () => {
    await db.query('CREATE TABLE uniq (id int PRIMARY KEY)');
    await db.query('INSERT INTO uniq VALUES (1)');
    const error = await db.query('INSERT INTO uniq VALUES (1)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).code).toBe('23505');
    expect(((error as QueryError).cause as { code: string }).code).toBe('23505');
    const syntax = await db.query('SELEC 1').catch((e: unknown) => e);
    expect((syntax as QueryError).code).toBe('42601');
  });

  it('returns the same JavaScript types on both engines', async () => {
    const { rows } = await db.query(
      'SELECT count(*) AS c, 3::bigint AS b, 9007199254740993::bigint AS huge, 1.5::numeric AS n, 2.5::float8 AS f, \'{"x":1}\'::jsonb AS j',
    );
    expect(rows[0]).toEqual({ c: 1, b: 3, huge: 9007199254740993n, n: '1.5', f: 2.5, j: { x: 1 } });
  });

  it('answers ping while open', async () => {
    // A bound on a hang, not a speed: the pg ping opens a connection of its own.
    expect(await db.ping(30_000)).toBe(true);
  });
});

// Two PGlite instances are trivially apart; the schema trick needs checking on the server only.
describe.runIf(process.env.DATABASE_URL)('schema isolation on pg', () => {
  it('gives two test databases separate tables of the same name', async () => {
    const [a, b] = await Promise.all([createTestDb('pg'), createTestDb('pg')]);
    try {
      await a.query('CREATE TABLE same_name (v text)');
      await b.query('CREATE TABLE same_name (v text)');
      await a.query("INSERT INTO same_name VALUES ('a')");
      expect((await b.query('SELECT v FROM same_name')).rows).toEqual([]);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });
});
