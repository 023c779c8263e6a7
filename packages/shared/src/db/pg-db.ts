// Db over a pg.Pool: small pool for serverless, search_path per connection, outages mapped to DependencyError.
import pg from 'pg';
import { assertIdentifier, type Db, type DbOptions, type Queryable, type QueryResult } from './types.ts';
import { QueryError, toDbError } from './db-errors.ts';
import { DependencyError } from '../errors/index.ts';
import { loopTimeDeadline, pingWithin } from './ping-within.ts';

type PgResult = pg.QueryResult<Record<string, unknown>>;

const INT8_OID = 20;
/** bigint / count(*) as PGlite returns them: a number when it is exact, a BigInt beyond 2^53 (pg's default is a string). */
function parseInt8(text: string): number | bigint {
  const value = BigInt(text);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}
// Per pool, not pg.types.setTypeParser: that would change every other pg user in the process.
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A multi-statement simple query answers with one result per statement; callers get the last one. */
function normalise<R>(result: PgResult | PgResult[]): QueryResult<R> {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  if (!last) return { rows: [], rowCount: 0 };
  const rows = (last.rows ?? []) as R[];
  return { rows, rowCount: last.rowCount ?? rows.length };
}

async function run<R>(
  target: pg.Pool | pg.PoolClient,
  text: string,
  params?: unknown[],
): Promise<QueryResult<R>> {
  try {
    // Without parameters pg uses the simple protocol, which accepts several statements (migration files).
    const result = params && params.length > 0 ? await target.query(text, params) : await target.query(text);
    return normalise<R>(result as PgResult | PgResult[]);
  } catch (error) {
    throw toDbError(error);
  }
}

/**
 * A connection from the pool within `timeoutMs` of free event-loop time. pg's own connection timeout is a
 * wall-clock timer: after a synchronous stretch longer than it (a training epoch in the same process, a loaded
 * machine) it fired before the connection's answer was read, and a request answered 503 with the database up.
 * pg's timer stays as a backstop at 4x; a connection that arrives after the deadline goes back to the pool.
 */
async function acquire(pool: pg.Pool, timeoutMs: number): Promise<pg.PoolClient> {
  const pending = pool.connect();
  const deadline = loopTimeDeadline(timeoutMs);
  let won: pg.PoolClient | undefined;
  try {
    won = await Promise.race([pending, deadline.expired.then(() => undefined)]);
  } catch (error) {
    throw toDbError(error);
  } finally {
    deadline.cancel();
  }
  if (won) return won;
  pending.then(
    (late) => late.release(),
    () => undefined,
  );
  throw new DependencyError('The database is unavailable (no connection within the timeout).', {
    dependency: 'database',
  });
}

/** COMMIT of a transaction that already failed answers ROLLBACK without an error; never report that as success. */
async function commit(client: pg.PoolClient): Promise<void> {
  const result = await client.query('COMMIT').catch((error: unknown) => {
    throw toDbError(error);
  });
  if (result.command === 'ROLLBACK') {
    throw new QueryError({ message: 'COMMIT rolled back a transaction that had failed', code: '25P02' });
  }
}

/** Defaults of the bounds on a server; see {@link DbOptions}. */
export const PG_DEFAULTS = Object.freeze({
  maxConnections: 4,
  connectionTimeoutMs: 5_000,
  queryTimeoutMs: 10_000,
  idleInTransactionTimeoutMs: 30_000,
});
/** The client-side timer waits this much past statement_timeout, so a live server's own cancel wins the race. */
const CLIENT_GRACE_MS = 500;

/** Create a pool-backed {@link Db}. Connections open lazily, on the first query. */
export function createPgDb(url: string, options: DbOptions = {}): Db {
  const queryTimeoutMs = options.queryTimeoutMs ?? PG_DEFAULTS.queryTimeoutMs;
  const connectionTimeoutMs = options.connectionTimeoutMs ?? PG_DEFAULTS.connectionTimeoutMs;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? PG_DEFAULTS.maxConnections,
    idleTimeoutMillis: options.idleTimeoutMs ?? 10_000,
    // A backstop only: acquire() bounds the wait in free event-loop time.
    connectionTimeoutMillis: 4 * connectionTimeoutMs,
    // The server cancels long statements and idle transactions (so their locks go); the client-side timer is
    // what bounds a request when the link itself is frozen and nothing, not even a reset, comes back.
    statement_timeout: queryTimeoutMs,
    query_timeout: queryTimeoutMs + CLIENT_GRACE_MS,
    idle_in_transaction_session_timeout:
      options.idleInTransactionTimeoutMs ?? PG_DEFAULTS.idleInTransactionTimeoutMs,
    // Idle pooled connections whose link died are noticed by TCP keepalive instead of on the next query.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // An idle pool must not keep a function instance or a CLI alive.
    allowExitOnIdle: true,
    types: TYPES,
    ...(options.schema ? { options: `-c search_path=${assertIdentifier(options.schema)}` } : {}),
  });
  // Without a listener an idle connection killed by the server would crash the process; the pool drops
  // that connection itself and the next query reports the outage, so logging is all that is left to do.
  pool.on('error', (error) => {
    console.warn(`[db] idle connection lost: ${error.message}`);
  });
  let closed: Promise<void> | undefined;
  // pg words this "Cannot use a pool after calling end", which reads as an outage (503); using a closed
  // handle is a bug in the caller, reported as PGlite reports it.
  const assertOpen = (): void => {
    if (closed) throw new Error('This database handle is closed.');
  };

  return {
    engine: 'pg',
    query: async (text, params) => {
      assertOpen();
      const client = await acquire(pool, connectionTimeoutMs);
      let broken: unknown;
      try {
        return await run(client, text, params);
      } catch (error) {
        // An outage mid-query leaves the link in doubt: the connection never returns to the pool (as pool.query).
        if (error instanceof DependencyError) broken = error;
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },

    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      assertOpen();
      const client = await acquire(pool, connectionTimeoutMs);
      let broken: unknown;
      try {
        await run(client, 'BEGIN');
        const tx: Queryable = { query: (text, params) => run(client, text, params) };
        const value = await fn(tx);
        await commit(client);
        return value;
      } catch (error) {
        if (error instanceof DependencyError) {
          // The link is gone or frozen: a ROLLBACK would wait out another timeout. Dropping the connection
          // makes the server roll back, and the connection never returns to the pool.
          broken = error;
          throw error;
        }
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // A connection that cannot even roll back must not return to the pool.
          broken = rollbackError;
        }
        throw error;
      } finally {
        client.release(broken instanceof Error ? broken : undefined);
      }
    },

    async ping(timeoutMs = 2_000): Promise<boolean> {
      // Its own short-lived connection, not one from the pool: a pool whose connections are all taken by long
      // work is busy, not down, and a health probe queued behind them would report an outage (as PGlite avoids).
      return pingWithin(async () => {
        assertOpen();
        const client = new pg.Client({
          connectionString: url,
          // Wall-clock bounds for a client that outlives pingWithin's deadline, which counts only the time the
          // event loop was free: these must not fire first while the process is busy.
          connectionTimeoutMillis: 4 * timeoutMs,
          query_timeout: 4 * timeoutMs,
        });
        client.on('error', () => undefined); // a probe that lost its connection has already answered false
        try {
          await client.connect();
          await client.query('SELECT 1');
        } finally {
          await client.end().catch(() => undefined);
        }
      }, timeoutMs);
    },

    close(): Promise<void> {
      closed ??= pool.end();
      return closed;
    },
  };
}
