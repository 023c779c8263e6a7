// Db over an embedded PGlite (in-memory or a data folder): one connection, so work queues on a mutex.
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { PGlite, type Results } from '@electric-sql/pglite';
import { DependencyError } from '../errors/index.ts';
import { QueryError, toDbError } from './db-errors.ts';
import { createMutex } from './mutex.ts';
import { pgliteBootOptions } from './pglite-boot.ts';
import { ensurePgliteTemplateFolder } from './pglite-template.ts';
import { pingWithin } from './ping-within.ts';
import { assertIdentifier, type Db, type DbOptions, type Queryable, type QueryResult } from './types.ts';

function normalise<R>(result: Results | undefined): QueryResult<R> {
  if (!result) return { rows: [], rowCount: 0 };
  const rows = result.rows as R[];
  // PGlite counts changed rows in affectedRows and returned rows in rows; pg reports whichever applies.
  return { rows, rowCount: Math.max(result.affectedRows ?? 0, rows.length) };
}

async function run<R>(engine: PGlite, text: string, params?: unknown[]): Promise<QueryResult<R>> {
  try {
    if (params && params.length > 0) return normalise<R>(await engine.query(text, params));
    // exec speaks the simple protocol, so a migration file with several statements runs as on pg.
    const results = await engine.exec(text);
    return normalise<R>(results[results.length - 1]);
  } catch (error) {
    throw toDbError(error);
  }
}

/** COMMIT of a transaction that already failed answers ROLLBACK without an error; never report that as success. */
async function commit(engine: PGlite): Promise<void> {
  const results = await engine.exec('COMMIT').catch((error: unknown) => {
    throw toDbError(error);
  });
  if (results[results.length - 1]?.command === 'ROLLBACK') {
    throw new QueryError({ message: 'COMMIT rolled back a transaction that had failed', code: '25P02' });
  }
}

/**
 * PostgreSQL's start parameters for every embedded engine: PGlite's own, with `shared_buffers` at 16 MB instead of the
 * 128 MB a cluster's postgresql.conf sets. PostgreSQL zeroes its whole shared memory when it starts (a wasm memset over
 * fresh pages), so 128 MB cost 0.5-0.9 s of CPU and ~115 MB of peak RSS on every process start; the one connection's
 * working set fits in 16 MB, and a page beyond it comes back from the OS's file cache (scans of a 38 MB table ~15%
 * slower, index lookups unchanged: bench/RESULTS.md, 1 Dec 2026). Durability is PGlite's as before: every commit is
 * written to the data folder's files before it returns (no fsync, `-F`), so it survives the process being killed.
 */
export const PGLITE_START_PARAMS: readonly string[] = Object.freeze([
  ...PGlite.defaultStartParams,
  '-c',
  'shared_buffers=16MB',
]);

/**
 * A data folder without a cluster yet gets a copy of the machine's pre-initialised one (pglite-template.ts: a native
 * copy, ~0.3 s of CPU with the engine's start, against ~3.8 s for initdb in a new folder); if the template cannot be
 * had, PGlite runs initdb as before.
 * @returns whether the folder was filled from the template
 */
export async function fillNewDataFolder(dataDir: string): Promise<boolean> {
  const dir = resolve(dataDir);
  if (existsSync(join(dir, 'PG_VERSION'))) return false;
  // Copied beside it and renamed into place, so a copy cut short never leaves a half cluster PGlite would resume.
  const partial = `${dir}.${process.pid}.partial`;
  try {
    await cp(await ensurePgliteTemplateFolder(), partial, { recursive: true });
    await rename(partial, dir);
    return true;
  } catch {
    await rm(partial, { recursive: true, force: true });
    return false;
  }
}

/** Create an embedded {@link Db}. The engine starts on first use (PGlite takes a moment to boot). */
export function createPgliteDb(options: DbOptions = {}): Db {
  const schema = options.schema === undefined ? undefined : assertIdentifier(options.schema);
  const mutex = createMutex();
  // Set while a transaction callback runs: queries made inside it join the open transaction, because
  // waiting for the single connection from inside the holder of that connection would deadlock.
  // The store outlives the callback in any work it left running, so `open` says whether it still applies:
  // a late query must queue like any other instead of slipping into whichever transaction holds the connection.
  const inTransaction = new AsyncLocalStorage<{ depth: number; open: boolean }>();
  const current = () => {
    const store = inTransaction.getStore();
    return store?.open ? store : undefined;
  };
  async function within<T>(depth: number, fn: (tx: Queryable) => Promise<T>, tx: Queryable): Promise<T> {
    const store = { depth, open: true };
    try {
      return await inTransaction.run(store, () => fn(tx));
    } finally {
      store.open = false;
    }
  }
  let starting: Promise<PGlite> | undefined;
  let closed = false;
  let savepoints = 0;

  function engine(): Promise<PGlite> {
    if (closed) return Promise.reject(new Error('This database handle is closed.'));
    starting ??= (async () => {
      // A data folder keeps its own cluster, a new one starting from the machine's template; in memory, a
      // registered template saves initdb on every new engine.
      // PGlite creates its own folder but not the folders above it (`./.data/pglite` failed with ENOENT).
      if (options.dataDir) await mkdir(dirname(resolve(options.dataDir)), { recursive: true });
      if (options.dataDir) await fillNewDataFolder(options.dataDir);
      const startParams = [...PGLITE_START_PARAMS];
      const instance = options.dataDir
        ? new PGlite(options.dataDir, { startParams })
        : new PGlite({ ...(await pgliteBootOptions()), startParams });
      await instance.waitReady;
      if (schema) await instance.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema};`);
      return instance;
    })().catch((error: unknown) => {
      starting = undefined; // let the next call try again
      throw new DependencyError(`The embedded database failed to start: ${String(error)}`, {
        dependency: 'database',
        cause: error,
      });
    });
    return starting;
  }

  async function transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const outer = current();
    const instance = await engine();
    const tx: Queryable = { query: (text, params) => run(instance, text, params) };
    if (outer) {
      // Nested on the one connection: a savepoint gives it its own rollback.
      const name = `suite_sp_${++savepoints}`;
      await run(instance, `SAVEPOINT ${name}`);
      try {
        const value = await within(outer.depth + 1, fn, tx);
        await run(instance, `RELEASE SAVEPOINT ${name}`);
        return value;
      } catch (error) {
        await run(instance, `ROLLBACK TO SAVEPOINT ${name}`);
        throw error;
      }
    }
    return mutex.runExclusive(async () => {
      await run(instance, 'BEGIN');
      try {
        const value = await within(1, fn, tx);
        await commit(instance);
        return value;
      } catch (error) {
        if (instance.isInTransaction()) await instance.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  return {
    engine: 'pglite',
    async query<R>(text: string, params?: unknown[]): Promise<QueryResult<R>> {
      const instance = await engine();
      if (current()) return run<R>(instance, text, params);
      return mutex.runExclusive(() => run<R>(instance, text, params));
    },
    transaction,
    ping(timeoutMs = 2_000): Promise<boolean> {
      // Not queued behind the mutex: a long transaction means busy, not down. PGlite serialises the probe itself.
      return pingWithin(async () => {
        const instance = await engine();
        await instance.query('SELECT 1');
      }, timeoutMs);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const pending = starting;
      if (!pending) return;
      const instance = await pending.catch(() => undefined);
      // Wait for queued work so closing never cuts a transaction in half.
      if (instance) await mutex.runExclusive(() => instance.close());
    },
  };
}
