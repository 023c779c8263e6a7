import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testEngines, type TestDb } from '../testing/test-db.ts';
import { createDb } from './create-db.ts';
import { ensureMigrations, readMigrationFiles } from './migrations.ts';

let dirs: string[] = [];
async function migrationDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'suite-migrations-'));
  dirs.push(dir);
  await Promise.all(Object.entries(files).map(([name, sql]) => writeFile(path.join(dir, name), sql)));
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

// 002 fails if it runs twice (duplicate primary key), so "applied once" is checked by the engine itself.
const FILES = {
  '001_create.sql': 'CREATE TABLE ledger (id int PRIMARY KEY, note text);',
  '002_seed.sql': "INSERT INTO ledger VALUES (1, 'seed');\nINSERT INTO ledger VALUES (2, 'seed');",
  '010_add_column.sql': 'ALTER TABLE ledger ADD COLUMN extra int;',
  'README.md': 'not a migration',
};

describe('readMigrationFiles', () => {
  it('sorts by number, not by text', async () => {
    const dir = await migrationDir({
      '10_b.sql': 'SELECT 1',
      '9_a.sql': 'SELECT 1',
      '100_c.sql': 'SELECT 1',
    });
    expect((await readMigrationFiles(dir)).map((f) => f.name)).toEqual(['9_a.sql', '10_b.sql', '100_c.sql']);
  });

  it('rejects a .sql file without a number, and two files with the same number', async () => {
    await expect(readMigrationFiles(await migrationDir({ 'init.sql': '' }))).rejects.toThrow(
      /init\.sql.*NNN_name/,
    );
    await expect(readMigrationFiles(await migrationDir({ '001_a.sql': '', '1_b.sql': '' }))).rejects.toThrow(
      /share a number/,
    );
  });

  it('sorts migrations written in code among the files, and refuses one that repeats a file number', async () => {
    const dir = await migrationDir({ '1_a.sql': 'SELECT 1', '3_c.sql': 'SELECT 3' });
    const files = await readMigrationFiles(dir, [{ name: '2_b.sql', sql: 'SELECT 2' }]);
    expect(files.map((f) => [f.name, f.sql])).toEqual([
      ['1_a.sql', 'SELECT 1'],
      ['2_b.sql', 'SELECT 2'],
      ['3_c.sql', 'SELECT 3'],
    ]);
    await expect(readMigrationFiles(dir, [{ name: '03_x.sql', sql: '' }])).rejects.toThrow(/share a number/);
  });
});

describe.each(testEngines())('ensureMigrations on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb(engine);
  });
  afterAll(() => db?.dispose());

  it('applies files in order once and records them; a second run applies nothing', async () => {
    const dir = await migrationDir(FILES);
    const first = await ensureMigrations(db, { app: 'once', dir });
    expect(first.applied).toEqual(['001_create.sql', '002_seed.sql', '010_add_column.sql']);
    expect((await ensureMigrations(db, { app: 'once', dir })).applied).toEqual([]);
    const recorded = await db.query<{ name: string; checksum: string; applied_at: Date }>(
      "SELECT name, checksum, applied_at FROM suite_migrations WHERE app = 'once' ORDER BY name",
    );
    expect(recorded.rows.map((r) => r.name)).toEqual(first.applied);
    expect(recorded.rows[0]!.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await db.query('SELECT id, extra FROM ledger ORDER BY id')).rows).toEqual([
      { id: 1, extra: null },
      { id: 2, extra: null },
    ]);
    await db.query('DROP TABLE ledger');
  });

  it('applies only the new file when one is added later', async () => {
    const dir = await migrationDir({ '001_t.sql': 'CREATE TABLE later_t (v int);' });
    await ensureMigrations(db, { app: 'later', dir });
    await writeFile(path.join(dir, '002_more.sql'), 'INSERT INTO later_t VALUES (5);');
    expect((await ensureMigrations(db, { app: 'later', dir })).applied).toEqual(['002_more.sql']);
  });

  it('refuses an applied file whose contents changed, naming it', async () => {
    const dir = await migrationDir({ '001_x.sql': 'CREATE TABLE changed_t (v int);' });
    await ensureMigrations(db, { app: 'changed', dir });
    await writeFile(path.join(dir, '001_x.sql'), 'CREATE TABLE changed_t (v bigint);');
    await expect(ensureMigrations(db, { app: 'changed', dir })).rejects.toMatchObject({
      code: 'migration_changed',
      message: expect.stringContaining('changed/001_x.sql'),
    });
  });

  it('does not count a checkout with other line endings (CRLF) as a changed file', async () => {
    const dir = await migrationDir({
      '001_eol.sql': 'CREATE TABLE eol_t (v int);\nINSERT INTO eol_t VALUES (1);\n',
    });
    await ensureMigrations(db, { app: 'eol', dir });
    await writeFile(
      path.join(dir, '001_eol.sql'),
      'CREATE TABLE eol_t (v int);\r\nINSERT INTO eol_t VALUES (1);\r\n',
    );
    expect((await ensureMigrations(db, { app: 'eol', dir })).applied).toEqual([]);
  });

  it('rolls back a failing file entirely, records nothing, and names it', async () => {
    const dir = await migrationDir({
      '001_ok.sql': 'CREATE TABLE partial_ok (v int);',
      '002_bad.sql': 'CREATE TABLE partial_bad (v int);\nINSERT INTO no_such_table VALUES (1);',
    });
    const error = await ensureMigrations(db, { app: 'partial', dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'migration_failed',
      message: expect.stringContaining('partial/002_bad.sql'),
    });
    expect(((error as Error).cause as { code: string }).code).toBe('42P01');
    const names = await db.query("SELECT name FROM suite_migrations WHERE app = 'partial'");
    expect(names.rows).toEqual([{ name: '001_ok.sql' }]);
    const bad = await db.query<{ present: boolean }>(
      "SELECT to_regclass('partial_bad') IS NOT NULL AS present",
    );
    expect(bad.rows[0]!.present).toBe(false);
  });

  it('keeps apps apart: the same file name is applied for each app', async () => {
    const a = await migrationDir({ '001_init.sql': 'CREATE TABLE app_a_t (v int);' });
    const b = await migrationDir({ '001_init.sql': 'CREATE TABLE app_b_t (v int);' });
    expect((await ensureMigrations(db, { app: 'app-a', dir: a })).applied).toEqual(['001_init.sql']);
    expect((await ensureMigrations(db, { app: 'app-b', dir: b })).applied).toEqual(['001_init.sql']);
  });

  it('applies each file exactly once when several callers start at the same moment', async () => {
    const dir = await migrationDir({
      '001_create.sql': 'CREATE TABLE race_t (id int PRIMARY KEY);',
      '002_seed.sql': 'INSERT INTO race_t VALUES (1);',
      '003_seed.sql': 'INSERT INTO race_t VALUES (2);',
    });
    // On a server every caller gets its own pool, like separate instances; PGlite has one connection to share.
    const url = process.env.DATABASE_URL;
    const handles = Array.from({ length: 6 }, () =>
      engine === 'pg' ? createDb({ url, schema: db.schema, maxConnections: 2 }) : db,
    );
    try {
      const results = await Promise.all(handles.map((h) => ensureMigrations(h, { app: 'race', dir })));
      const applied = results.flatMap((r) => r.applied).sort();
      expect(applied).toEqual(['001_create.sql', '002_seed.sql', '003_seed.sql']);
      expect((await db.query('SELECT id FROM race_t ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);
    } finally {
      if (engine === 'pg') await Promise.all(handles.map((h) => h.close()));
    }
  });
});
