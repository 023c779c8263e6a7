// Real throwaway databases for tests: an in-memory PGlite, or a fresh schema on the DATABASE_URL server.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb } from '../db/create-db.ts';
import type { Db } from '../db/types.ts';

/** An engine tests can run on. */
export type TestEngine = 'pglite' | 'pg';

/** A {@link Db} that is thrown away by `dispose()`; `schema` is the pg schema (undefined on PGlite). */
export type TestDb = Db & { readonly schema: string | undefined; dispose(): Promise<void> };

/**
 * The engines every database test should run on: PGlite always, plus the real server when DATABASE_URL is set.
 *
 * @example
 * describe.each(testEngines())('state on %s', (engine) => {
 *   let db: TestDb;
 *   beforeAll(async () => { db = await createTestDb(engine); });
 *   afterAll(() => db.dispose());
 * });
 */
export function testEngines(): TestEngine[] {
  return process.env.DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, isolated database: on `pg`, a new schema `t_<random>` on DATABASE_URL (the only one on the
 * search_path) that `dispose()` drops with everything in it; on `pglite`, a new in-memory engine.
 * The default engine is `pg` when DATABASE_URL is set, else `pglite`.
 *
 * @example
 * const db = await createTestDb('pglite');
 * try { await db.query('CREATE TABLE t (id int)'); } finally { await db.dispose(); }
 */
export async function createTestDb(engine?: TestEngine): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  const chosen = engine ?? (url ? 'pg' : 'pglite');
  if (chosen === 'pglite') {
    const db = createDb();
    return Object.assign(db, { schema: undefined, dispose: () => db.close() });
  }
  if (!url)
    throw new Error('createTestDb("pg") needs DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test).');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const db = createDb({ url, schema });
  let disposed: Promise<void> | undefined;
  const dispose = (): Promise<void> => {
    disposed ??= (async () => {
      await db.close();
      await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
    })();
    return disposed;
  };
  return Object.assign(db, { schema, dispose });
}
