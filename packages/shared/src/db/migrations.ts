// Applies an app's NNN_name.sql files once each, in order, even when many instances cold-start together.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DependencyError, SuiteError } from '../errors/index.ts';
import type { Db, Queryable } from './types.ts';

/** Options of {@link ensureMigrations}. */
export interface MigrationOptions {
  /** Owner of the files; the advisory lock and the records are per app. */
  app: string;
  /** Folder of `NNN_name.sql` files (e.g. `001_ratings.sql`). Other extensions are ignored. */
  dir: string;
  /**
   * Migrations whose SQL is written in code (e.g. `jobTableMigration`), numbered and applied with the folder's
   * as if they were files in it; a name must not repeat one of the folder's numbers.
   */
  generated?: ReadonlyArray<{ name: string; sql: string }>;
}

/** One migration file read from disk. */
export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

const FILE_PATTERN = /^(\d+)_[A-Za-z0-9_.-]+\.sql$/;
/** First key of every advisory lock taken here, so they cannot collide with an app's own single-key locks. */
const LOCK_CLASS = 0x5017e;

/** A migration from its name and SQL, with the checksum recorded when it is applied. */
export function toMigrationFile(name: string, sql: string): MigrationFile {
  // Hashed with LF line ends: a Windows checkout (core.autocrlf) of the same file must not read as edited.
  return { name, sql, checksum: createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex') };
}

/**
 * Read, validate and sort the migration files of `dir` together with `generated` ones (by number, so 10 comes
 * after 9).
 */
export async function readMigrationFiles(
  dir: string,
  generated: ReadonlyArray<{ name: string; sql: string }> = [],
): Promise<MigrationFile[]> {
  const inCode = new Map(generated.map((g) => [g.name, g.sql]));
  const names = [...(await readdir(dir)).filter((name) => name.endsWith('.sql')), ...inCode.keys()];
  const numbered = names.map((name) => {
    const match = FILE_PATTERN.exec(name);
    if (!match) throw new Error(`Migration file ${path.join(dir, name)} must be named NNN_name.sql.`);
    return { name, number: Number(match[1]) };
  });
  numbered.sort((a, b) => a.number - b.number);
  for (let i = 1; i < numbered.length; i++) {
    if (numbered[i]!.number === numbered[i - 1]!.number) {
      throw new Error(
        `Migrations ${numbered[i - 1]!.name} and ${numbered[i]!.name} in ${dir} share a number.`,
      );
    }
  }
  return Promise.all(
    numbered.map(async ({ name }) =>
      toMigrationFile(name, inCode.get(name) ?? (await readFile(path.join(dir, name), 'utf8'))),
    ),
  );
}

async function lock(tx: Queryable, key: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2::text))', [LOCK_CLASS, key]);
}

/** CREATE TABLE IF NOT EXISTS races with itself on a server (duplicate pg_type row), so it runs under a lock. */
async function ensureMigrationTable(db: Db): Promise<void> {
  const found = await db.query<{ present: boolean }>(
    "SELECT to_regclass('suite_migrations') IS NOT NULL AS present",
  );
  if (found.rows[0]?.present) return;
  await db.transaction(async (tx) => {
    await lock(tx, 'suite_migrations');
    await tx.query(`CREATE TABLE IF NOT EXISTS suite_migrations (
      app text NOT NULL,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (app, name))`);
  });
}

function assertUnchanged(app: string, file: MigrationFile, recorded: string): void {
  if (recorded !== file.checksum) {
    throw new SuiteError(
      `Migration ${app}/${file.name} changed after it was applied (checksum ${recorded.slice(0, 12)}… now ` +
        `${file.checksum.slice(0, 12)}…). Add a new migration file instead of editing an applied one.`,
      { code: 'migration_changed', status: 500, details: { app, file: file.name } },
    );
  }
}

/**
 * Apply the pending migrations of `app` from `dir`: each file in its own transaction, in number order,
 * once, recorded in `suite_migrations(app, name, checksum, applied_at)`. A transaction-level advisory lock
 * keyed on the app makes concurrent callers (many instances cold-starting at once) wait, then skip what
 * the winner applied. An applied file whose contents changed is an error naming it. Files must not
 * contain their own BEGIN/COMMIT. Returns the names applied by this call.
 *
 * @example
 * import { fileURLToPath } from 'node:url';
 * const dir = fileURLToPath(new URL('../migrations', import.meta.url));
 * const { applied } = await ensureMigrations(getDb(), { app: 'recommender', dir });
 */
export async function ensureMigrations(db: Db, options: MigrationOptions): Promise<{ applied: string[] }> {
  return applyMigrationFiles(db, options.app, await readMigrationFiles(options.dir, options.generated));
}

/**
 * Apply `files` (already read, in order) as {@link ensureMigrations} applies a folder: for SQL that ships inside
 * a package's code (the shared API-key tables), so no folder has to be found next to a bundle.
 */
export async function applyMigrationFiles(
  db: Db,
  app: string,
  files: MigrationFile[],
): Promise<{ applied: string[] }> {
  await ensureMigrationTable(db);

  // Warm path without locks: usually everything is applied and this is one small SELECT.
  const recorded = await db.query<{ name: string; checksum: string }>(
    'SELECT name, checksum FROM suite_migrations WHERE app = $1',
    [app],
  );
  const known = new Map(recorded.rows.map((row) => [row.name, row.checksum]));
  const pending: MigrationFile[] = [];
  for (const file of files) {
    const checksum = known.get(file.name);
    if (checksum === undefined) pending.push(file);
    else assertUnchanged(app, file, checksum);
  }

  const applied: string[] = [];
  for (const file of pending) {
    const didApply = await db.transaction(async (tx) => {
      await lock(tx, `app:${app}`);
      // Read again under the lock: another instance may have applied it while we waited.
      const again = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM suite_migrations WHERE app = $1 AND name = $2',
        [app, file.name],
      );
      const row = again.rows[0];
      if (row) {
        assertUnchanged(app, file, row.checksum);
        return false;
      }
      try {
        await tx.query(file.sql);
      } catch (error) {
        if (error instanceof DependencyError) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        throw new SuiteError(`Migration ${app}/${file.name} failed: ${reason}`, {
          code: 'migration_failed',
          status: 500,
          cause: error,
          details: { app, file: file.name },
        });
      }
      await tx.query('INSERT INTO suite_migrations (app, name, checksum) VALUES ($1, $2, $3)', [
        app,
        file.name,
        file.checksum,
      ]);
      return true;
    });
    if (didApply) applied.push(file.name);
  }
  return { applied };
}
