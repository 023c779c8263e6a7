// GET /api/health: app and version, database reachability, loaded models, uptime and cold-start time.
import { getSharedConfig } from '../config/index.ts';
import { describeOutage } from '../db/db-errors.ts';
import { ConfigError } from '../errors/index.ts';
import { defineHandler, type HttpHandler } from './define-handler.ts';
import type { LoadedModelInfo } from '../models/loaded-models.ts';
import { json } from './problem.ts';

let coldStartMs: number | undefined;

/**
 * Record the end of the cold start (call from `app.hook.appStart`): health then reports the milliseconds
 * from process start to this moment. Only the first call counts.
 */
export function markColdStart(): void {
  coldStartMs ??= Math.round(performance.now());
  // Boot an embedded database now rather than on the first request, which would otherwise wait for it.
  if (!getSharedConfig().databaseUrl) void embeddedBoot(30_000);
}

/** The first probe of an embedded PGlite: it boots the engine (seconds), so health does not wait on it. */
let booting: Promise<NonNullable<HealthReport['database']>> | undefined;
let booted = false;

function embeddedBoot(timeoutMs: number): Promise<NonNullable<HealthReport['database']>> {
  booting ??= probeDatabase(timeoutMs).then((report) => {
    if (report.reachable) booted = true;
    else booting = undefined; // a failed boot is tried again by the next probe
    return report;
  });
  return booting;
}

/** How long health waits for a booting embedded database before answering `starting`. */
const STARTING_WAIT_MS = 250;

/** Options of {@link createHealthHandler}. */
export interface HealthOptions {
  /** The app's name, e.g. `chatbot`. */
  app: string;
  /** The app's version, usually from its package.json. */
  version: string;
  /** Probe the database (default true); when false, `database` is null and the status ignores it. */
  checkDb?: boolean;
  /**
   * How long the database probe may take; default 2000 ms for a server, 30000 ms for embedded PGlite,
   * whose first probe includes booting the engine (seconds on a busy machine) and cannot be a network outage.
   */
  dbTimeoutMs?: number;
}

/** The body of a health response. */
export interface HealthReport {
  app: string;
  version: string;
  /** `starting` while an embedded database boots (503 with Retry-After), then `ok` or `degraded`. */
  status: 'ok' | 'degraded' | 'starting';
  database: { engine: 'pg' | 'pglite'; reachable: boolean; latencyMs: number; error?: string } | null;
  /** Models held by this instance; an entry with `fallback` serves an older version than `latest` (see models). */
  models: LoadedModelInfo[];
  uptimeSeconds: number;
  coldStartMs: number | null;
  node: string;
}

async function probeDatabase(timeoutMs: number | undefined): Promise<NonNullable<HealthReport['database']>> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  let engine: 'pg' | 'pglite' = 'pglite';
  try {
    engine = getSharedConfig().databaseUrl ? 'pg' : 'pglite';
    // Imported lazily so that code using only the HTTP helpers never loads pg or PGlite.
    const { getDb } = await import('../db/index.ts');
    const db = getDb();
    engine = db.engine;
    const reachable = await db.ping(timeoutMs ?? (engine === 'pg' ? 2000 : 30_000));
    return { engine, reachable, latencyMs: elapsed() };
  } catch (error) {
    return {
      engine,
      reachable: false,
      latencyMs: elapsed(),
      // What happened, not where: a driver's message would name the server's address.
      error: error instanceof ConfigError ? `${error.variable} is invalid` : describeOutage(error),
    };
  }
}

/**
 * A server is probed each time. An embedded database is probed once it has booted; while it boots, health
 * answers `starting` after a short wait instead of holding the request for the whole boot.
 */
async function probe(timeoutMs: number | undefined): Promise<HealthReport['database'] | 'starting'> {
  let embedded = false;
  try {
    embedded = !getSharedConfig().databaseUrl;
  } catch {
    // An invalid configuration is reported by the probe itself.
  }
  if (!embedded || booted) return probeDatabase(timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  const wait = new Promise<'starting'>(
    (resolve) => (timer = setTimeout(resolve, STARTING_WAIT_MS, 'starting')),
  );
  try {
    return await Promise.race([embeddedBoot(timeoutMs ?? 30_000), wait]);
  } finally {
    clearTimeout(timer);
  }
}

async function loadedModels(): Promise<HealthReport['models']> {
  const { listLoadedModels } = await import('../models/loaded-models.ts');
  return listLoadedModels();
}

/**
 * The health endpoint's handler. Answers 200 when the database answers (or is not checked) and 503 when it
 * does not; both carry the full JSON report, never a problem body, so monitors can read why.
 *
 * @example
 * export const health = createHealthHandler({ app: 'chatbot', version: packageJson.version });
 * app.http('health', { methods: ['GET'], route: 'health', authLevel: 'anonymous', handler: health });
 */
export function createHealthHandler(options: HealthOptions): HttpHandler {
  const checkDb = options.checkDb ?? true;
  const timeoutMs = options.dbTimeoutMs;
  // Public: monitors probe health without an API key, whatever API_KEYS says.
  return defineHandler({ public: true }, async () => {
    const [database, models] = await Promise.all([checkDb ? probe(timeoutMs) : null, loadedModels()]);
    const starting = database === 'starting';
    const healthy = database === null || (database !== 'starting' && database.reachable);
    const report: HealthReport = {
      app: options.app,
      version: options.version,
      status: starting ? 'starting' : healthy ? 'ok' : 'degraded',
      database: starting ? { engine: 'pglite', reachable: false, latencyMs: 0, error: 'starting' } : database,
      models,
      uptimeSeconds: Math.round(process.uptime() * 10) / 10,
      coldStartMs: coldStartMs ?? null,
      node: process.version,
    };
    return json(report, healthy ? 200 : 503, {
      'cache-control': 'no-store',
      ...(starting ? { 'retry-after': '1' } : {}),
    });
  });
}
