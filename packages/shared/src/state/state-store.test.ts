import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../errors/index.ts';
import { createTestDb, testEngines, type TestDb } from '../testing/test-db.ts';
import { createStateStore } from './state-store.ts';
import { purgeExpiredState } from './state-table.ts';

describe.each(testEngines())('state store on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(engine);
  });
  afterAll(() => db?.dispose());

  it('creates an entry at version 1 and counts versions up on every write', async () => {
    const store = createStateStore<{ n: number }>(db, 'versions');
    expect(await store.get('a')).toBeUndefined();
    const first = await store.put('a', { n: 1 });
    expect(first).toMatchObject({ key: 'a', value: { n: 1 }, version: 1, expiresAt: null });
    expect(first.updatedAt).toBeInstanceOf(Date);
    const second = await store.put('a', { n: 2 }, { expectedVersion: 1 });
    expect(second.version).toBe(2);
    expect(await store.get('a')).toMatchObject({ value: { n: 2 }, version: 2 });
  });

  it('round-trips JSON values of every shape', async () => {
    const store = createStateStore<unknown>(db, 'shapes');
    for (const [key, value] of Object.entries({
      s: 'text',
      n: 1.5,
      b: false,
      z: null,
      a: [1, 'x'],
      o: { deep: { list: [] } },
    })) {
      await store.put(key, value);
      expect((await store.get(key))?.value).toEqual(value);
    }
  });

  it('refuses a stale write with ConflictError carrying the current version, and keeps the winner', async () => {
    const store = createStateStore<string>(db, 'conflict');
    await store.put('k', 'v1');
    await store.put('k', 'v2', { expectedVersion: 1 });
    const error = await store.put('k', 'lost', { expectedVersion: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toMatchObject({
      key: 'k',
      expectedVersion: 1,
      currentVersion: 2,
    });
    expect(await store.get('k')).toMatchObject({ value: 'v2', version: 2 });
  });

  it('treats expectedVersion 0 as "must not exist yet"', async () => {
    const store = createStateStore<string>(db, 'create-only');
    expect((await store.put('k', 'first', { expectedVersion: 0 })).version).toBe(1);
    await expect(store.put('k', 'second', { expectedVersion: 0 })).rejects.toMatchObject({
      details: { currentVersion: 1 },
    });
    await expect(store.put('missing', 'x', { expectedVersion: 3 })).rejects.toMatchObject({
      details: { currentVersion: 0 },
    });
  });

  it('lets exactly one of two racing creators win', async () => {
    const store = createStateStore<string>(db, 'race-create');
    const results = await Promise.allSettled([
      store.put('k', 'a', { expectedVersion: 0 }),
      store.put('k', 'b', { expectedVersion: 0 }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
  });

  it('loses no increment when 20 updates race on one counter', async () => {
    const store = createStateStore<number>(db, 'counter');
    const entries = await Promise.all(
      Array.from({ length: 20 }, () => store.update('hits', (n) => (n ?? 0) + 1)),
    );
    expect(await store.get('hits')).toMatchObject({ value: 20, version: 20 });
    expect(new Set(entries.map((e) => e.version)).size).toBe(20);
  });

  it('gives up with ConflictError when the entry keeps moving past maxRetries', async () => {
    const store = createStateStore<number>(db, 'exhausted');
    await store.put('k', 0);
    let calls = 0;
    const error = await store
      .update(
        'k',
        async (n) => {
          calls++;
          await store.put('k', -1); // a competing writer lands between every read and write
          return (n ?? 0) + 1;
        },
        { maxRetries: 2 },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toMatchObject({ key: 'k', attempts: 3 });
    expect(calls).toBe(3);
  });

  it('reads an expired entry as absent, lets it be created again, and purges it', async () => {
    // An injected clock: time moves when the test says so, never by waiting.
    let at = Date.parse('2031-05-01T12:00:00Z');
    const clock = () => new Date(at);
    const store = createStateStore<string>(db, 'ttl', { clock });
    const written = await store.put('short', 'soon gone', { ttlSeconds: 0.2 });
    expect(written.expiresAt?.toISOString()).toBe('2031-05-01T12:00:00.200Z');
    expect(written.updatedAt.toISOString()).toBe('2031-05-01T12:00:00.000Z');
    await store.put('forever', 'stays');
    at += 199;
    expect(await store.get('short')).toMatchObject({ value: 'soon gone' });
    at += 1;
    expect(await store.get('short')).toBeUndefined();
    expect((await store.list()).map((e) => e.key)).toEqual(['forever']);
    await expect(store.put('short', 'stale', { expectedVersion: 1 })).rejects.toBeInstanceOf(ConflictError);
    const again = await store.put('short', 'back', { expectedVersion: 0 });
    // The version keeps counting through expiry, so a reader of the old entry cannot write over the new one.
    expect(again).toMatchObject({ value: 'back', version: 2, expiresAt: null });
    await store.put('gone', 'x', { ttlSeconds: 3600 });
    expect(await store.purgeExpired()).toBe(0);
    at += 3600_000;
    expect(await store.purgeExpired()).toBe(1);
    expect(await purgeExpiredState(db, { now: clock() })).toBe(0);
    expect((await db.query("SELECT key FROM suite_state WHERE namespace = 'ttl' ORDER BY key")).rows).toEqual(
      [{ key: 'forever' }, { key: 'short' }],
    );
  });

  it('measures expiry with the database clock when given none', async () => {
    const store = createStateStore<string>(db, 'db-clock');
    const written = await store.put('k', 'v', { ttlSeconds: 60 });
    const { rows } = await db.query<{ now: Date }>('SELECT now() AS now');
    // Written in this session a moment ago: expiry is 60 s after the database's time, not a test's fake one.
    const ahead = written.expiresAt!.getTime() - new Date(rows[0]!.now).getTime();
    expect(ahead).toBeGreaterThan(0);
    expect(ahead).toBeLessThanOrEqual(60_000);
    expect(await store.get('k')).toMatchObject({ value: 'v' });
  });

  it('deletes, and refuses a delete at a stale version', async () => {
    const store = createStateStore<string>(db, 'delete');
    await store.put('k', 'a');
    await store.put('k', 'b');
    await expect(store.delete('k', 1)).rejects.toMatchObject({ details: { currentVersion: 2 } });
    expect(await store.delete('k', 2)).toBe(true);
    expect(await store.delete('k')).toBe(false);
    expect(await store.get('k')).toBeUndefined();
  });

  it('lists one namespace by key prefix, treating % and _ literally', async () => {
    const store = createStateStore<number>(db, 'listing');
    const other = createStateStore<number>(db, 'listing-other');
    await Promise.all([
      store.put('user:1', 1),
      store.put('user:2', 2),
      store.put('user_3', 3),
      store.put('item:1', 4),
    ]);
    await other.put('user:9', 9);
    expect((await store.list({ prefix: 'user:' })).map((e) => e.key)).toEqual(['user:1', 'user:2']);
    expect((await store.list({ prefix: 'user_' })).map((e) => e.key)).toEqual(['user_3']);
    expect(await store.list({ limit: 2 })).toHaveLength(2);
  });

  it('lists in the same byte order on every engine, whatever collation the server defaults to', async () => {
    const store = createStateStore<number>(db, 'collation');
    await store.get('probe'); // creates suite_state
    if (engine === 'pg') {
      // As on a server created with en_US (Azure's default): case-insensitive-first ordering.
      await db.query('ALTER TABLE suite_state ALTER COLUMN key TYPE text COLLATE "en-US-x-icu"');
    }
    try {
      await Promise.all([
        store.put('b', 1),
        store.put('B', 2),
        store.put('a', 3),
        store.put('a-1', 4),
        store.put('a1', 5),
      ]);
      expect((await store.list()).map((e) => e.key)).toEqual(['B', 'a', 'a-1', 'a1', 'b']);
    } finally {
      if (engine === 'pg')
        await db.query('ALTER TABLE suite_state ALTER COLUMN key TYPE text COLLATE "default"');
    }
  });

  it('rejects input it cannot store', async () => {
    const store = createStateStore<unknown>(db, 'invalid');
    await expect(store.put('', 1)).rejects.toBeInstanceOf(RangeError);
    await expect(store.put('k', undefined)).rejects.toBeInstanceOf(TypeError);
    await expect(store.put('k', 1, { ttlSeconds: -1 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.put('k', 1, { expectedVersion: 1.5 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.delete('k', 1.5)).rejects.toBeInstanceOf(RangeError);
    await expect(store.delete('k', -1)).rejects.toBeInstanceOf(RangeError);
    await expect(store.update('k', () => 1, { maxRetries: -1 })).rejects.toBeInstanceOf(RangeError);
    expect(() => createStateStore(db, '')).toThrow(RangeError);
  });
});
