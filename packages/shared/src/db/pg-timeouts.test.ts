import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DependencyError } from '../errors/index.ts';
import { startFreezableProxy, type FreezableProxy } from '../testing/freezable-proxy.ts';
import { createDb } from './create-db.ts';
import type { Db } from './types.ts';

const url = process.env.DATABASE_URL;

// A frozen link (no data, no reset) used to hang in-flight queries until the kernel gave up, ~30 s and more.
describe.skipIf(!url)('pg on a frozen link', () => {
  let proxy: FreezableProxy;
  let db: Db;
  beforeAll(async () => {
    const target = new URL(url as string);
    proxy = await startFreezableProxy({ host: target.hostname, port: Number(target.port || 5432) });
    target.host = `127.0.0.1:${proxy.port}`;
    // The frozen queries wait out queryTimeoutMs whatever it is; the healthy ones before and after (a new
    // connection through the proxy included) must fit in it on a loaded machine too, so neither is tight.
    db = createDb({ url: target.href, queryTimeoutMs: 5_000, connectionTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    proxy.thaw();
    await db.close();
    await proxy.close();
  });

  const outage = (promise: Promise<unknown>) =>
    promise.then(
      () => 'answered',
      (error: unknown) => error,
    );

  it('fails a query in flight with a 503-class error after its timeout, and recovers once the link thaws', async () => {
    expect((await db.query<{ n: number }>('SELECT 1 AS n')).rows).toEqual([{ n: 1 }]);
    proxy.freeze();
    const error = await outage(db.query('SELECT 2'));
    expect(error).toBeInstanceOf(DependencyError);
    expect((error as Error).message).toBe('The database is unavailable (query timed out).');
    proxy.thaw();
    // The connection that timed out was thrown away, not handed to the next caller.
    expect((await db.query<{ n: number }>('SELECT 3 AS n')).rows).toEqual([{ n: 3 }]);
  });

  it('fails a transaction whose link freezes half way, without waiting on a ROLLBACK that cannot arrive', async () => {
    const error = await outage(
      db.transaction(async (tx) => {
        await tx.query('SELECT 1');
        proxy.freeze();
        await tx.query('SELECT 2');
      }),
    );
    expect(error).toBeInstanceOf(DependencyError);
    proxy.thaw();
    expect((await db.query<{ n: number }>('SELECT 4 AS n')).rows).toEqual([{ n: 4 }]);
  });

  it('has the server cancel a statement that runs past the timeout (statement_timeout)', async () => {
    const error = await outage(db.query('SELECT pg_sleep(60)'));
    expect(error).toBeInstanceOf(DependencyError);
  });
});
