import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.ts';
import { createSchemaGuard } from './app-schema.ts';

describe('createSchemaGuard', () => {
  let root: string;
  let db: TestDb;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'schema-guard-'));
    mkdirSync(join(root, 'migrations'));
    mkdirSync(join(root, 'src', 'store'), { recursive: true });
    writeFileSync(join(root, 'migrations', '001_t.sql'), 'CREATE TABLE guard_t (id int);');
    db = await createTestDb('pglite');
  });
  afterAll(async () => {
    await db.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  const from = () => pathToFileURL(join(root, 'src', 'store', 'schema.ts')).href;

  it('finds the migrations folder above the calling module', () => {
    expect(createSchemaGuard({ app: 'guard', from: from() }).migrationsDir()).toBe(join(root, 'migrations'));
  });

  it('applies the migrations once per handle, however many callers race', async () => {
    const guard = createSchemaGuard({ app: 'guard', from: from() });
    const [first, second] = await Promise.all([guard.ensure(db), guard.ensure(db)]);
    expect(first).toBe(second);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*) AS n FROM suite_migrations WHERE app = 'guard'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('names the app when no migrations folder is found', () => {
    const guard = createSchemaGuard({ app: 'lost', from: pathToFileURL(join(tmpdir(), 'x', 'y.ts')).href });
    expect(() => guard.migrationsDir()).toThrow(/lost migrations folder not found/);
  });
});
