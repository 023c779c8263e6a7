import { afterEach, describe, expect, it } from 'vitest';
import { resetSharedConfig } from '../config/index.ts';
import { createDb, getDb, resetDb } from './create-db.ts';

describe('getDb', () => {
  afterEach(async () => {
    await resetDb();
    resetSharedConfig();
  });

  it('builds one shared handle on the engine DATABASE_URL selects', async () => {
    resetSharedConfig();
    const db = getDb();
    expect(getDb()).toBe(db);
    expect(db.engine).toBe(process.env.DATABASE_URL ? 'pg' : 'pglite');
  });

  it('builds a new handle after resetDb', async () => {
    const first = getDb();
    await resetDb();
    expect(getDb()).not.toBe(first);
  });
});

describe('createDb', () => {
  it('uses a pool for a URL and PGlite otherwise, connecting lazily', async () => {
    const server = createDb({ url: 'postgres://nobody@127.0.0.1:1/none' });
    const embedded = createDb();
    expect(server.engine).toBe('pg');
    expect(embedded.engine).toBe('pglite');
    await Promise.all([server.close(), embedded.close()]);
  });
});
