// Starts an app with its freshly built console on the dev host, on a free port, with its own database state.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startAppProcess, type RunningPackage } from '@suite/tooling';
import { buildConsole, ensureConsoleBuild } from './console-build.ts';

/** A running app and what the test needs to talk to it. */
export interface ConsoleApp {
  url: string;
  /** `pglite (in memory)` or `postgres (schema …)`. */
  db: string;
  process: RunningPackage;
  stop(): Promise<void>;
}

/** Options of {@link startConsoleApp}. */
export interface ConsoleAppOptions {
  /** The app folder (holding package.json with a `build:web` script, and src/index.ts). */
  appDir: string;
  /** Extra environment, e.g. ADMIN_KEY. */
  env?: Record<string, string | undefined>;
  /** Serve no console (the test calls the API only), so skip `npm run build:web`. */
  skipBuild?: boolean;
  /**
   * A folder shared by the test files of one run (the `suiteConsoleBuilds` a vitest global setup provides): the
   * console is built there once and every app started with it serves that build. Without it, a build of its own.
   */
  buildCache?: string;
}

async function runSql(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Builds the console (`npm run build:web`) into a folder of its own, or once per test run into `buildCache`, and
 * starts the app from source through the `suite-host` bin, serving that folder (CONSOLE_DIR): on PGlite in memory,
 * or, when DATABASE_URL is set, on a new schema of that server dropped again by `stop()`. Never the app's dist-web,
 * because test files run in parallel, and each build empties its output folder: one test's console lost its chunks
 * while another test file rebuilt.
 * @example const app = await startConsoleApp({ appDir }); await page.goto(app.url); await app.stop();
 */
export async function startConsoleApp(options: ConsoleAppOptions): Promise<ConsoleApp> {
  const dir = mkdtempSync(join(tmpdir(), 'suite-console-'));
  const env: Record<string, string | undefined> = {
    MODEL_STORE: 'fs',
    MODEL_DIR: join(dir, 'models'),
    PGLITE_DATA_DIR: undefined,
    ...options.env,
  };
  if (options.buildCache && !options.skipBuild) {
    env.CONSOLE_DIR = await ensureConsoleBuild(options.appDir, options.buildCache);
  } else if (!options.skipBuild) {
    const web = join(dir, 'web');
    buildConsole(options.appDir, web);
    env.CONSOLE_DIR = web;
  }
  const server = process.env.DATABASE_URL;
  let schema: string | undefined;
  if (server) {
    schema = `console_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
    await runSql(server, `CREATE SCHEMA ${schema}`);
    const scoped = new URL(server);
    scoped.searchParams.set('options', `-c search_path=${schema}`);
    env.DATABASE_URL = scoped.toString();
  } else env.DATABASE_URL = undefined;
  const running = await startAppProcess({
    entry: join(options.appDir, 'src', 'index.ts'),
    cwd: options.appDir,
    env,
    timeoutMs: 120_000,
  });
  return {
    url: running.url,
    db: schema ? `postgres (schema ${schema})` : 'pglite (in memory)',
    process: running,
    async stop() {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
      if (server && schema) await runSql(server, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    },
  };
}
