// The shared database is closed when the Functions host stops the app: PGlite's data folder is left shut down, so the
// next start opens it without crash recovery, and a pg pool's connections end at once.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from './create-db.ts';

const CHILD = fileURLToPath(new URL('./test-fixtures/terminate-then-hang-child.ts', import.meta.url));

/** pg_control's DBState (PostgreSQL's catalog/pg_control.h): 1 shut down, 6 in production (not shut down). */
const DB_SHUTDOWNED = 1;
const controlState = (dataDir: string) =>
  readFileSync(path.join(dataDir, 'global', 'pg_control')).readInt32LE(16);

/** Runs the child with `env`; once the host stopped its app, `whileUp` runs, then the child is killed (SIGKILL). */
function terminateThenKill(
  env: NodeJS.ProcessEnv,
  label: string,
  whileUp: () => Promise<void>,
): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, label], {
    stdio: 'pipe',
    env: { ...process.env, ...env },
  });
  let out = '';
  let err = '';
  let checked: Promise<void> | undefined;
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) checked ??= whileUp().finally(() => child.kill('SIGKILL'));
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (signal === 'SIGKILL' && out.startsWith('terminated') && checked)
        checked.then(() => resolve(out.trim()), reject);
      else
        reject(
          new Error(`child ${label} ended (${String(code)}, ${String(signal)}) before terminating: ${err}`),
        );
    });
  });
}

describe('the shared database at appTerminate', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'suite-terminate-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it(
    'closes a PGlite data folder cleanly: it reopens shut down, with what was written',
    { timeout: 300_000 },
    async () => {
      const dataDir = path.join(dir, 'pglite');
      const env = { PGLITE_DATA_DIR: dataDir, DATABASE_URL: '' };
      let state = -1;
      const said = await terminateThenKill(env, 'first', async () => {
        state = controlState(dataDir);
      });
      expect(said).toBe('terminated 1');
      // Before, the folder stayed "in production" (6) as after a crash, and every start replayed its WAL.
      expect(state).toBe(DB_SHUTDOWNED);
      const db = createDb({ dataDir });
      try {
        const { rows } = await db.query<{ label: string }>('SELECT label FROM accepted');
        expect(rows).toEqual([{ label: 'first' }]);
      } finally {
        await db.close();
      }
    },
  );

  it.runIf(process.env.DATABASE_URL)('ends the connections of a pg pool', { timeout: 300_000 }, async () => {
    const name = `terminate-${randomBytes(4).toString('hex')}`;
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set('application_name', name);
    const schema = `t_${randomBytes(6).toString('hex')}`;
    url.searchParams.set('options', `-c search_path=${schema}`);
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      let open = -1;
      await terminateThenKill({ DATABASE_URL: url.toString() }, 'pg', async () => {
        const { rows } = await admin.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
          [name],
        );
        open = rows[0]!.n;
      });
      expect(open).toBe(0);
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  });
});
