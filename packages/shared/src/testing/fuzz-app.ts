// Runs the fuzz harness against one whole app on the dev host, on its own database (a throwaway schema on the
// DATABASE_URL server, else PGlite), with API keys on, and checks that health still answers afterwards.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { resetSharedConfig } from '../config/index.ts';
import { resetDb } from '../db/index.ts';
import { fuzzRequests, type FuzzOptions, type FuzzReport, type FuzzRoute } from './fuzz-requests.ts';
import { createTestDb, type TestDb } from './test-db.ts';

/** What `startHost` of `@suite/host` returns, as far as the fuzz run needs it (passed in: no dependency cycle). */
interface HostLike {
  url: string;
  functions(): Array<{ name: string; route?: string; methods?: string[] }>;
  close(): Promise<void>;
}

/** Options of {@link fuzzApp}: the app's entry, `startHost`, and the fuzz options other than URL and routes. */
export interface FuzzAppOptions extends Omit<FuzzOptions, 'baseUrl' | 'routes' | 'apiKeys'> {
  entry: string;
  startHost(options: {
    entry: string;
    port: number;
    timers: boolean;
    log: (line: string) => void;
  }): Promise<HostLike>;
  /** Extra environment for the app (its own settings). */
  env?: Record<string, string>;
}

/** `/api`, or what the app's host.json sets as `extensions.http.routePrefix` (`""` gives no prefix). */
function routePrefixPath(entry: string): string {
  let dir = dirname(entry);
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'host.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      extensions?: { http?: { routePrefix?: string } };
    };
    const trimmed = (json.extensions?.http?.routePrefix ?? 'api').replace(/^\/+|\/+$/g, '');
    return trimmed === '' ? '' : `/${trimmed}`;
  }
  return '/api';
}

/** The fuzz report plus the status of `GET /api/health` after the run. */
export interface FuzzAppReport extends FuzzReport {
  healthAfter: number;
  database: 'pg' | 'pglite';
}

/**
 * Start the app at `entry` with API_KEYS=on, an admin key and a private model folder, issue one API key, fuzz every
 * HTTP route, then ask health. The environment is restored afterwards. One app per process, as the host requires.
 *
 * @example
 * const report = await fuzzApp({ entry: resolve(import.meta.dirname, '../index.ts'), startHost, count: 1500 });
 * expect(report.findings).toEqual([]);
 */
export async function fuzzApp(options: FuzzAppOptions): Promise<FuzzAppReport> {
  const saved = { ...process.env };
  const dir = mkdtempSync(join(tmpdir(), 'suite-fuzz-'));
  const adminKey = randomBytes(16).toString('hex');
  let db: TestDb | undefined;
  let host: HostLike | undefined;
  try {
    if (process.env.DATABASE_URL) {
      db = await createTestDb('pg');
      const url = new URL(process.env.DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${db.schema}`);
      process.env.DATABASE_URL = url.href;
    }
    Object.assign(process.env, {
      API_KEYS: 'on',
      ADMIN_KEY: adminKey,
      MODEL_STORE: 'fs',
      MODEL_DIR: join(dir, 'models'),
      ...options.env,
    });
    resetSharedConfig();
    await resetDb();
    host = await options.startHost({ entry: options.entry, port: 0, timers: false, log: () => {} });
    const prefix = routePrefixPath(options.entry);
    const functions = host.functions();
    const urlOf = (name: string) => {
      const route = functions.find((f) => f.name === name)?.route;
      if (route === undefined) throw new Error(`the app registers no ${name} function`);
      return `${host?.url}${prefix}/${route}`;
    };
    const issued = await fetch(urlOf('apiKeysCreate'), {
      method: 'POST',
      headers: { 'x-admin-key': adminKey, 'content-type': 'application/json' },
      body: JSON.stringify({ client: 'fuzz', ratePerMinute: 1_000_000, quotaPerDay: 1_000_000 }),
    });
    if (issued.status !== 201) throw new Error(`issuing the fuzz API key answered ${issued.status}`);
    const { key } = (await issued.json()) as { key: string };
    const routes: FuzzRoute[] = functions
      .filter((f) => f.route !== undefined)
      .map((f) => ({ route: f.route as string, methods: f.methods ?? [] }));
    const report = await fuzzRequests({ ...options, baseUrl: host.url, prefix, routes, apiKeys: [key] });
    const health = await fetch(urlOf('health'), { signal: AbortSignal.timeout(30_000) });
    await health.text();
    return { ...report, healthAfter: health.status, database: db ? 'pg' : 'pglite' };
  } finally {
    await host?.close();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    resetSharedConfig();
    await resetDb();
    await db?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
