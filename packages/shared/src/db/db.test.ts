import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testEngines, type TestDb } from '../testing/test-db.ts';
import { DependencyError } from '../errors/index.ts';
import { createDb } from './create-db.ts';
import { fillNewDataFolder } from './pglite-db.ts';
import { QueryError } from './db-errors.ts';

/** A promise the test resolves when it decides: ordering by events, never by waiting a while. */
function latch(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
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

describe.each(testEngines())('a closed Db on %s', (engine) => {
  it('refuses queries and transactions as a bug (500), not as a database outage (503)', async () => {
    const db = await createTestDb(engine);
    await db.query('SELECT 1');
    await db.dispose();
    for (const attempt of [() => db.query('SELECT 1'), () => db.transaction((tx) => tx.query('SELECT 1'))]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(DependencyError);
      expect((error as Error).message).toMatch(/closed/);
    }
    expect(await db.ping(1_000)).toBe(false);
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

describe('engine selection and failures', () => {
  it('maps a refused connection to DependencyError for the database', async () => {
    const db = createDb({ url: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMs: 2_000 });
    try {
      const error = await db.query('SELECT 1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DependencyError);
      expect((error as DependencyError).details).toMatchObject({ dependency: 'database' });
      expect(await db.ping(3_000)).toBe(false);
    } finally {
      await db.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)(
    'maps a connection killed by the server (57P01) to DependencyError',
    async () => {
      const db = createDb({ url: process.env.DATABASE_URL });
      try {
        const error = await db
          .query('SELECT pg_terminate_backend(pg_backend_pid())')
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DependencyError);
        expect((await db.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]); // the pool replaced it
      } finally {
        await db.close();
      }
    },
  );

  it.runIf(process.env.DATABASE_URL)(
    'answers ping while every pooled connection is busy: busy is not down',
    async () => {
      const db = createDb({ url: process.env.DATABASE_URL, maxConnections: 1 });
      try {
        // The only pooled connection is held until ping has answered (not for 1.5 s of pg_sleep, which a ping
        // needing longer than 1 s for its own connection on a loaded machine outlived): a ping that queued for
        // the pool would wait out its whole timeout and answer false.
        const holding = latch();
        const release = latch();
        const busy = db.transaction(async (tx) => {
          await tx.query('SELECT 1');
          holding.open();
          await release.promise;
        });
        await holding.promise;
        try {
          expect(await db.ping(20_000)).toBe(true); // under idle_in_transaction_session_timeout (30 s)
        } finally {
          release.open();
          await busy;
        }
      } finally {
        await db.close();
      }
    },
  );

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() => createDb({ url: 'postgres://x@127.0.0.1/db', schema: 'a; DROP' })).toThrow(RangeError);
  });
});

describe('a PGlite data folder', () => {
  // Both engine starts (initdb in folders that do not exist yet, then a reopen) happen in the hooks, whose
  // timeout is meant for engine starts: on a loaded machine the two take longer than a test's own timeout.
  let dir: string;
  let keptRows: unknown[] = [];
  let filledNew = false;
  let filledAgain = true;
  let fresh = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'suite-pglite-'));
    // Folders that do not exist yet, as `./.data/pglite` on a first run.
    const data = path.join(dir, '.data', 'pglite');
    const first = createDb({ dataDir: data });
    await first.query("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('x')");
    await first.close();
    filledAgain = await fillNewDataFolder(data);
    fresh = path.join(dir, 'fresh');
    filledNew = await fillNewDataFolder(fresh);
    const second = createDb({ dataDir: data });
    keptRows = (await second.query('SELECT v FROM kept')).rows;
    await second.close();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps PGlite data across restarts, creating its parent folders', () => {
    expect(keptRows).toEqual([{ v: 'x' }]);
  });

  it('fills a new data folder from the machine template instead of running initdb, and leaves a cluster alone', () => {
    expect(filledNew).toBe(true);
    expect(existsSync(path.join(fresh, 'PG_VERSION'))).toBe(true);
    expect(filledAgain).toBe(false);
  });
});
