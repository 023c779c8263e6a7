// One Function App loaded outside Azure: its unchanged app.http / app.timer registrations, its routes and hooks.
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  applyLocalSettings,
  compileHttpRoutes,
  ensureCoreApiInstalled,
  getTriggerBinding,
  readJsonFile,
  runHooks,
  type CoreRegistry,
  type HttpRoute,
  type RegisteredFunction,
} from '@suite/host/embed';

/** One HTTP function with its compiled route template, most specific first (as on Azure and suite-host). */
export type { HttpRoute };

/** A function as a platform's deployment description needs it (SAM events, scheduler jobs, FC triggers). */
export interface FunctionDescription {
  name: string;
  trigger: string;
  route?: string;
  methods?: string[];
  schedule?: string;
}

/** A loaded app: what every platform adapter dispatches into. */
export interface FunctionApp {
  registry: CoreRegistry;
  routes: HttpRoute[];
  /** host.json's `extensions.http.routePrefix` without slashes (`api` when unset, `''` for the suite's apps). */
  routePrefix: string;
  functions(): FunctionDescription[];
}

/** Options of {@link loadFunctionApp}. */
export interface LoadFunctionAppOptions {
  /** The app's entry: a deploy package's `dist/index.js` (or `src/index.ts` under tsx / vitest). */
  entry: string;
  /** Folder holding host.json; default: the entry's folder's parent (a package's root for `dist/index.js`). */
  appDir?: string;
}

let loading: Promise<FunctionApp> | undefined;
let loadedEntry: string | undefined;

function describe(fn: RegisteredFunction): FunctionDescription {
  const trigger = getTriggerBinding(fn);
  const o = trigger.options;
  const described: FunctionDescription = {
    name: fn.name,
    trigger: String(o.type).replace(/Trigger$/i, ''),
  };
  if (trigger.type === 'httptrigger') {
    described.route = typeof o.route === 'string' && o.route ? o.route : fn.name;
    described.methods = Array.isArray(o.methods) ? o.methods.map((m) => String(m).toUpperCase()) : [];
  }
  if (typeof o.schedule === 'string') described.schedule = o.schedule;
  return described;
}

async function load(entry: string, appDir: string): Promise<FunctionApp> {
  const registry = ensureCoreApiInstalled();
  applyLocalSettings(appDir);
  await import(pathToFileURL(entry).href);
  if (!registry.programmingModel)
    throw new Error(`${entry} registered no functions through @azure/functions`);
  await runHooks(registry, 'appStart', {
    hookData: registry.appLevelHookData,
    appHookData: registry.appHookData,
    functionAppDirectory: appDir,
  });
  const hostJson = readJsonFile(join(appDir, 'host.json'));
  const http = ((hostJson?.extensions as Record<string, unknown> | undefined)?.http ?? {}) as {
    routePrefix?: string;
  };
  return {
    registry,
    routes: compileHttpRoutes(registry.functions.values()),
    routePrefix: (http.routePrefix ?? 'api').replace(/^\/+|\/+$/g, ''),
    functions: () => [...registry.functions.values()].map(describe),
  };
}

/**
 * Loads a Function App once per process (a warm instance), the way the Functions worker does: the injected
 * `@azure/functions-core` receives every registration, then the appStart hooks run. Concurrent callers (the first
 * events of a cold instance) share the one load; a failed load is forgotten so the next event tries again.
 * @example const app = await loadFunctionApp({ entry: new URL('./dist/index.js', import.meta.url).pathname });
 */
export function loadFunctionApp(options: LoadFunctionAppOptions): Promise<FunctionApp> {
  const entry = resolve(options.entry);
  if (loadedEntry !== undefined && loadedEntry !== entry) {
    return Promise.reject(new Error(`This process already runs ${loadedEntry}; one app per instance`));
  }
  loadedEntry = entry;
  loading ??= load(entry, options.appDir ?? dirname(dirname(entry))).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
