// Private state for app processes started by the package test and the cold-start bench: a fresh Postgres schema
// on DATABASE_URL (or a PGlite folder when it is unset) and a model folder, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Environment for the app processes, and how to remove what they wrote. */
export interface IsolatedState {
  env: Record<string, string | undefined>;
  /** `postgres (schema …)`, `pglite (data folder)` or `pglite (in memory)`. */
  db: string;
  dispose(): Promise<void>;
}

/**
 * Creates the state for processes labelled `label` (a-z, 0-9, _). With DATABASE_URL, the processes get a URL
 * whose search_path is a new schema, so their migrations and rows never touch the shared database's public schema.
 * @example const state = await createIsolatedState('bench_recommender', { pgliteDir: true });
 */
export async function createIsolatedState(
  label: string,
  options: { pgliteDir?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<IsolatedState> {
  if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`state label must be a-z, 0-9, _: ${label}`);
  const dir = mkdtempSync(join(tmpdir(), `suite-state-${label}-`));
  const base = { MODEL_STORE: 'fs', MODEL_DIR: join(dir, 'models'), PORT: undefined, ...options.env };
  const url = process.env.DATABASE_URL;
  if (!url) {
    return {
      env: {
        ...base,
        DATABASE_URL: undefined,
        PGLITE_DATA_DIR: options.pgliteDir ? join(dir, 'pglite') : undefined,
      },
      db: options.pgliteDir ? 'pglite (data folder)' : 'pglite (in memory)',
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const schema = `suite_${label}_${process.pid}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { ...base, DATABASE_URL: scoped.toString(), PGLITE_DATA_DIR: undefined },
    db: `postgres (schema ${schema})`,
    dispose: async () => {
      rmSync(dir, { recursive: true, force: true });
      await run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
