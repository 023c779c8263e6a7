// Starts a Function App on the local dev host: load the entry, run appStart, serve HTTP, schedule timers.
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyDevDefaults } from './dev-defaults.ts';
import { applyLocalSettings, findAppDirectory, readJsonFile } from './app-directory.ts';
import { ensureCoreApiInstalled } from './core-api.ts';
import {
  describeFunction,
  triggerLabel,
  type InvokeResult,
  type RunningHost,
  type StartHostOptions,
} from './host-shape.ts';
import type { CoreRegistry, RegisteredFunction } from './core-api.ts';
import { createHostServer } from './host-server.ts';
import {
  formatHostNotice,
  formatInvocation,
  resolveHostLogFormat,
  setAppLogFormat,
  takeModelVersion,
  type InvocationFields,
} from './invocation-log.ts';
import { withLoopbackListen } from './loopback-listen.ts';
import { parseAllowedHosts } from './allowed-hosts.ts';

export type { HostedFunction, InvokeResult, RunningHost, StartHostOptions } from './host-shape.ts';
import { resolveMasterKey, type MasterKey } from './master-key.ts';
import { getTriggerBinding, runHooks, runInvocation } from './run-invocation.ts';
import { startTimerScheduler } from './timer-scheduler.ts';
import type { TimerScheduler } from './timer-scheduler.ts';
import { createQueueMessageRequest, createTriggerRequest } from './trigger-input.ts';
import { startQueueBindings, type QueueBindings } from './queues/queue-bindings.ts';
import { readQueueOptions } from './queues/queue-options.ts';
import { ensureDevStorage } from './queues/dev-storage.ts';

let loadedEntry: string | undefined;

const errorText = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

/**
 * Loads a Function App and serves it. One app per process (the `@azure/functions` library keeps its
 * registrations in module state), as with the real worker.
 * @example const host = await startHost({ entry: 'src/index.ts', port: 0 }); await fetch(`${host.url}/api/health`);
 */
export async function startHost(options: StartHostOptions): Promise<RunningHost> {
  const entry = resolve(options.entry);
  const appDir = findAppDirectory(entry);
  const packageJson = readJsonFile(join(appDir, 'package.json'));
  const name = options.name ?? String(packageJson?.name ?? 'app').replace(/^@[^/]+\//, '');
  const log = options.log ?? ((line: string) => console.log(line));
  const logFormat = options.logFormat ?? resolveHostLogFormat();
  setAppLogFormat(logFormat);
  const hostJson = readJsonFile(join(appDir, 'host.json'));
  const httpExtension = ((hostJson?.extensions as Record<string, unknown> | undefined)?.http ?? {}) as {
    routePrefix?: string;
  };
  const routePrefix = httpExtension.routePrefix ?? 'api';

  const registry: CoreRegistry = ensureCoreApiInstalled();
  if (loadedEntry !== undefined && loadedEntry !== entry) {
    throw new Error(`This process already hosts ${loadedEntry}; start one process per app`);
  }
  if (loadedEntry === undefined) {
    applyLocalSettings(appDir);
    if (options.dev) {
      const dev = applyDevDefaults(appDir);
      log(
        `[${name}] dev: admin key (x-admin-key header) ${dev.adminKey.source === 'ADMIN_KEY' ? 'set by ADMIN_KEY' : `${dev.adminKey.value} (kept in ${dev.adminKey.source})`}; ` +
          `data in ${dev.pgliteDataDir ?? 'DATABASE_URL'}; demo data ${dev.seedDemo ? 'seeded into an empty database' : 'off (SEED_DEMO)'}`,
      );
    }
    loadedEntry = entry;
    await import(pathToFileURL(entry).href);
  }
  if (!registry.programmingModel) {
    throw new Error(`${entry} registered no functions through @azure/functions`);
  }
  const queueOptions = readQueueOptions(hostJson);
  const registered = [...registry.functions.values()];
  const devStorage = options.dev ? await ensureDevStorage(appDir, registered) : undefined;
  if (devStorage) log(`[${name}] dev: ${devStorage.note}`);
  await runHooks(registry, 'appStart', {
    hookData: registry.appLevelHookData,
    appHookData: registry.appHookData,
    functionAppDirectory: appDir,
  });
  const model = registry.programmingModel;
  const capabilities = (await withLoopbackListen(() => model.getCapabilities?.({}))) ?? {};
  // The library names it `localhost`, which may resolve to ::1 first; the proxy listens on 127.0.0.1 only.
  const proxyUrl = capabilities.HttpUri?.replace('//localhost:', '//127.0.0.1:');
  const masterKey: MasterKey =
    options.masterKey !== undefined ? { value: options.masterKey, source: 'option' } : resolveMasterKey();

  const logInvocation = (fn: RegisteredFunction, fields: InvocationFields) => {
    const { error, durationMs, ...rest } = fields;
    const modelVersion = takeModelVersion(fields.invocationId);
    const entry = {
      event: 'invocation' as const,
      time: new Date().toISOString(),
      app: name,
      function: fn.name,
      trigger: triggerLabel(fn),
      ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)),
      outcome: fields.outcome,
      durationMs: Math.round(durationMs * 10) / 10,
      ...(modelVersion !== undefined && { modelVersion }),
      ...(error !== undefined && { error: errorText(error) }),
    };
    log(formatInvocation(entry, logFormat));
  };

  const invoke = async (functionName: string, input?: unknown): Promise<InvokeResult> => {
    const fn = registry.functions.get(functionName);
    if (!fn) throw new Error(`No function named "${functionName}"`);
    const trigger = String(getTriggerBinding(fn).options.type);
    const started = performance.now();
    const request = createTriggerRequest(fn, input);
    try {
      const outcome = await runInvocation(registry, fn, request);
      const durationMs = performance.now() - started;
      logInvocation(fn, { invocationId: request.invocationId, outcome: 'Succeeded', durationMs });
      return {
        invocationId: request.invocationId,
        function: fn.name,
        trigger,
        status: 'Succeeded',
        durationMs,
        result: outcome.result,
      };
    } catch (error) {
      const durationMs = performance.now() - started;
      logInvocation(fn, { invocationId: request.invocationId, outcome: 'Failed', durationMs, error });
      return {
        invocationId: request.invocationId,
        function: fn.name,
        trigger,
        status: 'Failed',
        durationMs,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  };

  const functions = () => [...registry.functions.values()].map(describeFunction);
  const server = createHostServer({
    registry,
    routePrefix,
    proxyUrl,
    masterKey: masterKey.value,
    // Read after local.settings.json; a bad entry fails the start, naming the variable.
    allowedHosts: parseAllowedHosts(process.env.ALLOWED_HOSTS),
    invoke: (fnName, input) => invoke(fnName, input),
    listFunctions: functions,
    logInvocation,
  });
  const requestedPort = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 7071);
  const hostname = options.hostname ?? '127.0.0.1';
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(requestedPort, hostname, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const queueBindings: QueueBindings = startQueueBindings({
    functions: options.queues === false ? [] : registered,
    options: queueOptions,
    log: (line) => log(formatHostNotice(name, line, logFormat)),
    run: async (fn, delivery) => {
      await runInvocation(registry, fn, createQueueMessageRequest(fn, delivery));
    },
    onOutcome: (fn, queueName, outcome) => {
      logInvocation(fn, {
        queue: queueName,
        messageId: outcome.delivery?.id,
        dequeueCount: outcome.delivery?.dequeueCount,
        movedTo: outcome.status === 'Poisoned' ? `${queueName}-poison` : undefined,
        outcome: outcome.status === 'Succeeded' ? 'Succeeded' : 'Failed',
        durationMs: outcome.durationMs,
        error: outcome.error,
      });
    },
  });
  registry.routeOutputs = (fn, response) => queueBindings.routeOutputs(fn, response);

  let scheduler: TimerScheduler | undefined;
  if (options.timers !== false) {
    const timers = [...registry.functions.values()]
      .filter((fn) => getTriggerBinding(fn).type === 'timertrigger')
      .map((fn) => {
        const o = getTriggerBinding(fn).options;
        return { name: fn.name, schedule: String(o.schedule ?? ''), runOnStartup: o.runOnStartup === true };
      });
    try {
      scheduler = startTimerScheduler(timers, (fnName, input) => invoke(fnName, input));
    } catch (error) {
      server.close();
      await queueBindings.stop();
      throw error;
    }
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostname !== '0.0.0.0' && hostname !== '::' ? hostname : '127.0.0.1'}:${port}`,
    masterKey,
    proxyUrl,
    port,
    name,
    routePrefix: routePrefix.replace(/^\/+|\/+$/g, ''),
    functions,
    queues: () => queueBindings.listening(),
    invoke,
    close() {
      closing ??= (async () => {
        scheduler?.stop();
        await queueBindings.stop();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 2_000).unref();
        });
        await runHooks(registry, 'appTerminate', {
          hookData: registry.appLevelHookData,
          appHookData: registry.appHookData,
        });
        registry.routeOutputs = undefined;
        await devStorage?.stop();
      })();
      return closing;
    },
  };
}
