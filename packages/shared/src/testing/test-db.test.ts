import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, testEngines } from './test-db.ts';

const url = process.env.DATABASE_URL;

describe('testEngines', () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it('lists PGlite alone without DATABASE_URL, and the server too with it', () => {
    delete process.env.DATABASE_URL;
    expect(testEngines()).toEqual(['pglite']);
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
    expect(testEngines()).toEqual(['pglite', 'pg']);
  });

  it('refuses the pg engine without DATABASE_URL', async () => {
    delete process.env.DATABASE_URL;
    await expect(createTestDb('pg')).rejects.toThrow(/DATABASE_URL/);
  });
});

describe('createTestDb', () => {
  it('gives an in-memory PGlite with no schema', async () => {
    const db = await createTestDb('pglite');
    try {
      expect(db.engine).toBe('pglite');
      expect(db.schema).toBeUndefined();
      expect(await db.ping(10_000)).toBe(true);
    } finally {
      await db.dispose();
    }
  });

  it.runIf(url)(
    'creates a fresh t_ schema on the server, puts it on the search_path, and drops it on dispose',
    async () => {
      const db = await createTestDb('pg');
      const schema = db.schema!;
      expect(schema).toMatch(/^t_[0-9a-f]{12}$/);
      await db.query('CREATE TABLE probe (v int)');
      const where = await db.query<{ schema: string }>(
        "SELECT table_schema AS schema FROM information_schema.tables WHERE table_name = 'probe'",
      );
      expect(where.rows.map((r) => r.schema)).toContain(schema);
      await db.dispose();
      await db.dispose(); // idempotent
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      try {
        const left = await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
        expect(left.rowCount).toBe(0);
      } finally {
        await admin.end();
      }
    },
  );
});
