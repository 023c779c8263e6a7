// Versioned key-value state on Postgres: compare-and-swap writes in one statement, optional expiry.
import { ConflictError } from '../errors/index.ts';
import type { Db } from '../db/types.ts';
import { SQL, type StateRow as Row } from './state-statements.ts';
import { ensureStateTable, purgeExpiredState } from './state-table.ts';

/** One stored value with its version (1 on creation, +1 on every write). */
export interface StateEntry<T> {
  key: string;
  value: T;
  version: number;
  updatedAt: Date;
  /** When the entry starts reading as absent; null = never. */
  expiresAt: Date | null;
}

/** Options of {@link StateStore.put}. */
export interface PutOptions {
  /** Compare-and-swap: write only if the entry is at this version; 0 = only if it does not exist (or expired). */
  expectedVersion?: number;
  /** Expire this many seconds after the write (fractions allowed); unset = never. Each write sets it anew. */
  ttlSeconds?: number;
}

/** Options of {@link StateStore.update}. */
export interface UpdateOptions {
  ttlSeconds?: number;
  /** Retries after a lost race before giving up with ConflictError; default 20. */
  maxRetries?: number;
}

/** Per-entity state of one namespace (a conversation, a series window, a user profile). */
export interface StateStore<T> {
  readonly namespace: string;
  /** The live entry, or undefined when absent or expired. */
  get(key: string): Promise<StateEntry<T> | undefined>;
  /** Write `value`. With `expectedVersion`, throws ConflictError (details: currentVersion) when stale. */
  put(key: string, value: T, options?: PutOptions): Promise<StateEntry<T>>;
  /**
   * Read, apply `fn`, write back with compare-and-swap; on a lost race re-read and retry (bounded, jittered).
   * `fn` may run several times, so it must not have side effects. Throws ConflictError when retries run out.
   */
  update(
    key: string,
    fn: (current: T | undefined) => T | Promise<T>,
    options?: UpdateOptions,
  ): Promise<StateEntry<T>>;
  /** Remove the entry; true if a live one was removed. With `expectedVersion`, ConflictError when stale. */
  delete(key: string, expectedVersion?: number): Promise<boolean>;
  /**
   * Live entries in key order (byte order, the same on every engine and server collation), optionally only
   * keys starting with `prefix`; `limit` default 1000.
   */
  list(options?: { prefix?: string; limit?: number }): Promise<StateEntry<T>[]>;
  /** Delete this namespace's expired rows; returns how many. */
  purgeExpired(): Promise<number>;
}

function toEntry<T>(row: Row): StateEntry<T> {
  return {
    key: row.key,
    value: row.value as T,
    version: row.version,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
  };
}

function checkKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0)
    throw new RangeError('A state key must be a non-empty string.');
  return key;
}

function encode(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined)
    throw new TypeError('A state value must be JSON-serialisable (got undefined or a function).');
  return text;
}

/** Checked before the query: the database would refuse 1.5 with a QueryError that reads as a server fault. */
function checkVersion(expectedVersion: number): number {
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) {
    throw new RangeError('expectedVersion must be an integer >= 0.');
  }
  return expectedVersion;
}

function checkTtl(ttlSeconds: number | undefined): number | null {
  if (ttlSeconds === undefined) return null;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0)
    throw new RangeError('ttlSeconds must be a positive number.');
  return ttlSeconds;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Full jitter over an exponential ceiling: racers spread out instead of colliding again in lockstep. */
const backoffMs = (attempt: number) => Math.random() * Math.min(250, 4 * 2 ** attempt);

/** Options of {@link createStateStore}. */
export interface StateStoreOptions {
  /**
   * The clock expiry is measured with. Default: the database's (`now()`), the same for every instance. Tests inject
   * one to move time forward without waiting.
   */
  clock?: () => Date;
}

/**
 * A versioned key-value store for `namespace`, kept in table `suite_state` (created on first use).
 * Values are stored as jsonb, so they must be JSON (a Date comes back as a string).
 *
 * @example
 * const sessions = createStateStore<{ turns: number }>(getDb(), 'chat-session');
 * const entry = await sessions.update('s-42', (s) => ({ turns: (s?.turns ?? 0) + 1 }), { ttlSeconds: 3600 });
 * await sessions.put('s-42', { turns: 0 }, { expectedVersion: entry.version }); // ConflictError if it moved
 */
export function createStateStore<T>(
  db: Db,
  namespace: string,
  options: StateStoreOptions = {},
): StateStore<T> {
  if (typeof namespace !== 'string' || namespace.length === 0)
    throw new RangeError('A state namespace must be a non-empty string.');
  const { clock } = options;
  /** The clock parameter of every statement: null lets the database's now() decide. */
  const now = (): string | null => (clock ? clock().toISOString() : null);

  async function get(key: string): Promise<StateEntry<T> | undefined> {
    await ensureStateTable(db);
    const { rows } = await db.query<Row>(SQL.get, [namespace, checkKey(key), now()]);
    return rows[0] ? toEntry<T>(rows[0]) : undefined;
  }

  async function conflict(key: string, expectedVersion: number): Promise<ConflictError> {
    // Read after the refused write, for the message only: the decision was already made atomically.
    const currentVersion = (await get(key))?.version ?? 0;
    return new ConflictError(
      `State ${namespace}/${key} is at version ${currentVersion}, not the expected ${expectedVersion}.`,
      { namespace, key, expectedVersion, currentVersion },
    );
  }

  async function put(key: string, value: T, options: PutOptions = {}): Promise<StateEntry<T>> {
    await ensureStateTable(db);
    const base = [namespace, checkKey(key), encode(value), checkTtl(options.ttlSeconds), now()];
    const expected = options.expectedVersion;
    if (expected === undefined) return toEntry<T>((await db.query<Row>(SQL.put, base)).rows[0]!);
    checkVersion(expected);
    const { rows } =
      expected === 0
        ? await db.query<Row>(SQL.create, base)
        : await db.query<Row>(SQL.swap, [...base, expected]);
    if (!rows[0]) throw await conflict(key, expected);
    return toEntry<T>(rows[0]);
  }

  async function update(
    key: string,
    fn: (current: T | undefined) => T | Promise<T>,
    options: UpdateOptions = {},
  ): Promise<StateEntry<T>> {
    const maxRetries = options.maxRetries ?? 20;
    if (!Number.isInteger(maxRetries) || maxRetries < 0)
      throw new RangeError('maxRetries must be an integer >= 0.');
    for (let attempt = 0; ; attempt++) {
      const current = await get(key);
      const next = await fn(current?.value);
      try {
        return await put(key, next, {
          expectedVersion: current?.version ?? 0,
          ttlSeconds: options.ttlSeconds,
        });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        if (attempt >= maxRetries) {
          throw new ConflictError(
            `State ${namespace}/${key} kept changing: gave up after ${attempt + 1} attempts.`,
            {
              ...error.details,
              attempts: attempt + 1,
            },
          );
        }
        await sleep(backoffMs(attempt));
      }
    }
  }

  async function remove(key: string, expectedVersion?: number): Promise<boolean> {
    await ensureStateTable(db);
    checkKey(key);
    if (expectedVersion !== undefined) checkVersion(expectedVersion);
    const { rows } =
      expectedVersion === undefined
        ? await db.query<{ live: boolean }>(SQL.delete, [namespace, key, now()])
        : await db.query<{ live: boolean }>(SQL.deleteAt, [namespace, key, expectedVersion, now()]);
    if (rows[0]) return rows[0].live;
    if (expectedVersion !== undefined && (await get(key))) throw await conflict(key, expectedVersion);
    return false;
  }

  async function list(options: { prefix?: string; limit?: number } = {}): Promise<StateEntry<T>[]> {
    await ensureStateTable(db);
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer.');
    const pattern = `${(options.prefix ?? '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const { rows } = await db.query<Row>(SQL.list, [namespace, pattern, limit, now()]);
    return rows.map((row) => toEntry<T>(row));
  }

  return {
    namespace,
    get,
    put,
    update,
    delete: remove,
    list,
    purgeExpired: () => purgeExpiredState(db, { namespace, now: clock?.() }),
  };
}
