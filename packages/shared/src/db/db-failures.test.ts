// A Db that cannot serve: closed, refused or cut off by the server, or busy; and options it refuses.
import { describe, expect, it } from 'vitest';
import { latch } from '../testing/latch.ts';
import { createTestDb, testEngines } from '../testing/test-db.ts';
import { DependencyError } from '../errors/index.ts';
import { createDb } from './create-db.ts';

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
