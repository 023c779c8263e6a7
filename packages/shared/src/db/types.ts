// The engine-neutral database surface every app codes against: one query shape, transactions, health.

/** Rows of one statement. `rowCount` is the rows returned or changed (0 when the engine reports none). */
export interface QueryResult<R> {
  rows: R[];
  rowCount: number;
}

/** Anything that runs SQL: a {@link Db} or the `tx` handed to a transaction callback. */
export interface Queryable {
  /**
   * Run one statement with `$1..$n` parameters. Without parameters the text may hold several statements
   * (simple protocol on both engines; the last statement's rows are returned), which is how migrations run.
   * Connection failures throw `DependencyError` (dependency `database`); SQL failures throw `QueryError`.
   * Both engines return the same types: int/bigint/count(*) as number (BigInt beyond 2^53), numeric as
   * string, timestamptz as Date, json/jsonb parsed, arrays as arrays, bytea as Uint8Array (a Buffer on pg).
   * Pass json/jsonb parameters as `JSON.stringify(value)` with a `$n::jsonb` cast: pg would send a JS array
   * as a Postgres array.
   */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>>;
}

/** A database handle: a `pg.Pool` on a server, or an embedded PGlite. */
export interface Db extends Queryable {
  readonly engine: 'pg' | 'pglite';
  /**
   * Run `fn` inside BEGIN/COMMIT on one connection; ROLLBACK and rethrow when it throws.
   * On PGlite (one connection) transactions and plain queries queue behind each other instead of interleaving.
   * Inside `fn` use `tx`: the Db itself is, on pg, another connection outside the transaction, and on PGlite
   * joins the open transaction (a nested `transaction` there becomes a savepoint) rather than deadlock.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * True when `SELECT 1` answers within `timeoutMs` (default 2000); never throws. Not queued behind busy work:
   * on pg the probe opens its own connection, so a pool fully taken by long queries still reads as reachable.
   */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Release the pool or the embedded engine. Idempotent; afterwards queries and transactions throw (a bug, not a 503). */
  close(): Promise<void>;
}

/** Options of {@link createDb}. */
export interface DbOptions {
  /** A `postgres://` URL: use a `pg.Pool`. Unset: embedded PGlite. */
  url?: string;
  /** PGlite only: folder holding the data files (one process at a time). Unset: in-memory. */
  dataDir?: string;
  /**
   * Schema put first and alone on the `search_path`, so unqualified tables live there (test isolation).
   * On a server the schema must exist already (`createTestDb` creates one); PGlite creates it.
   */
  schema?: string;
  /** pg only: most connections held open; default 4 (serverless instances are many and small). */
  maxConnections?: number;
  /** pg only: how long to wait for a connection before failing with `DependencyError`; default 5000 ms. */
  connectionTimeoutMs?: number;
  /** pg only: close connections idle this long; default 10000 ms. */
  idleTimeoutMs?: number;
  /**
   * pg only: longest a statement may take, default 10000 ms. The server cancels it then (`statement_timeout`),
   * and a client-side timer gives up on it shortly after, so a frozen link (no answer, no reset) fails the
   * query with `DependencyError` instead of hanging; that connection is discarded, never reused.
   */
  queryTimeoutMs?: number;
  /** pg only: the server ends a session left idle inside a transaction this long; default 30000 ms. */
  idleInTransactionTimeoutMs?: number;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Checks a schema name before it goes into a connection option or a `SET`, where it cannot be a parameter. */
export function assertIdentifier(name: string, what = 'schema'): string {
  if (!IDENTIFIER.test(name)) {
    throw new RangeError(
      `Invalid ${what} name "${name}": use letters, digits and _ (max 63, not starting with a digit).`,
    );
  }
  return name;
}
