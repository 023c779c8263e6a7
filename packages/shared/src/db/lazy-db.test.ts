import { describe, expect, it, vi } from 'vitest';
import { createLazyDb } from './lazy-db.ts';
import type { Db, Queryable, QueryResult } from './types.ts';

type FakeEngine = Db & { closed: number; queries: number };

function fakeEngine(): FakeEngine {
  const db: FakeEngine = {
    engine: 'pglite',
    closed: 0,
    queries: 0,
    query: async <R>(): Promise<QueryResult<R>> => {
      db.queries += 1;
      return { rows: [{ n: 1 } as R], rowCount: 1 };
    },
    transaction: async <T>(fn: (tx: Queryable) => Promise<T>): Promise<T> => fn(db),
    ping: async () => true,
    close: async () => {
      db.closed += 1;
    },
  };
  return db;
}

describe('lazy db', () => {
  it('loads the engine module once, on the first call, and delegates every call to it', async () => {
    const engine = fakeEngine();
    const load = vi.fn(async () => engine);
    const db = createLazyDb('pglite', load);
    expect(db.engine).toBe('pglite');
    expect(load).not.toHaveBeenCalled();
    const [first] = await Promise.all([db.query('SELECT 1'), db.query('SELECT 2'), db.ping()]);
    expect(first.rows).toEqual([{ n: 1 }]);
    await db.transaction(async (tx) => tx.query('SELECT 3'));
    expect(load).toHaveBeenCalledTimes(1);
    expect(engine.queries).toBe(3);
    await db.close();
    expect(engine.closed).toBe(1);
  });

  it('retries an engine module that failed to load, and pings false meanwhile instead of throwing', async () => {
    const engine = fakeEngine();
    const load = vi.fn().mockRejectedValueOnce(new Error('import failed')).mockResolvedValue(engine);
    const db = createLazyDb('pg', load);
    expect(await db.ping()).toBe(false);
    await expect(db.query('SELECT 1')).resolves.toMatchObject({ rowCount: 1 });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('never loads an engine for a handle closed before its first query, which then reports it is closed', async () => {
    const load = vi.fn(async () => fakeEngine());
    const db = createLazyDb('pg', load);
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toThrow('This database handle is closed.');
    await expect(db.transaction(async () => 1)).rejects.toThrow('closed');
    expect(load).not.toHaveBeenCalled();
  });

  it('closes an engine whose load was still in flight when close was called', async () => {
    const engine = fakeEngine();
    const db = createLazyDb('pglite', async () => engine);
    const pending = db.query('SELECT 1');
    await db.close();
    await pending;
    expect(engine.closed).toBe(1);
  });
});
