// A Db whose engine module (pg or PGlite) is imported on first use, so a cold start never evaluates a driver it skips.
import type { Db, Queryable, QueryResult } from './types.ts';

/**
 * Wraps `load` (a dynamic import of one engine's module that builds its {@link Db}) behind the synchronous
 * {@link Db} surface: `engine` is known up front, everything else waits for the module once, then delegates.
 * Importing pg costs ~15 ms of CPU and PGlite's JavaScript ~30 ms at start; each process uses one of them.
 */
export function createLazyDb(engine: Db['engine'], load: () => Promise<Db>): Db {
  let inner: Db | undefined;
  let loading: Promise<Db> | undefined;
  let closed = false;

  function get(): Promise<Db> {
    if (inner) return Promise.resolve(inner);
    if (closed) return Promise.reject(new Error('This database handle is closed.'));
    loading ??= load().then(
      (db) => (inner = db),
      (error: unknown) => {
        loading = undefined; // a failed import may be retried by the next call
        throw error;
      },
    );
    return loading;
  }

  return {
    engine,
    // Once loaded, calls go straight to the engine: no extra await on the hot path.
    query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<QueryResult<R>> {
      return inner ? inner.query<R>(text, params) : get().then((db) => db.query<R>(text, params));
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return inner ? inner.transaction(fn) : get().then((db) => db.transaction(fn));
    },
    async ping(timeoutMs?: number): Promise<boolean> {
      try {
        return await (await get()).ping(timeoutMs);
      } catch {
        return false;
      }
    },
    async close(): Promise<void> {
      closed = true;
      const pending = inner ?? (await loading?.catch(() => undefined));
      await pending?.close();
    },
  };
}
