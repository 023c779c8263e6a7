// `suite-host [--port N] [--name label] [--no-timers] [--dev] <entry>`: runs one Function App until SIGINT / SIGTERM.
import { startHost } from './start-host.ts';
import type { StartHostOptions } from './start-host.ts';

const USAGE =
  'usage: suite-host [--port 7071] [--name chatbot] [--host 127.0.0.1] [--no-timers] [--dev] <entry.ts|entry.js>';

/** Parses the command line; throws with the usage text when it is malformed. */
export function parseHostArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): StartHostOptions {
  const options: Partial<StartHostOptions> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const value = (): string => {
      const next = argv[(i += 1)];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === '--port' || arg === '-p') options.port = Number(value());
    else if (arg.startsWith('--port=')) options.port = Number(arg.slice('--port='.length));
    else if (arg === '--name') options.name = value();
    else if (arg === '--host') options.hostname = value();
    else if (arg === '--no-timers') options.timers = false;
    else if (arg === '--dev') options.dev = true;
    else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (options.entry === undefined) options.entry = arg;
    else throw new Error(`only one entry file, got ${options.entry} and ${arg}\n${USAGE}`);
  }
  if (!options.entry) throw new Error(`missing the entry file\n${USAGE}`);
  if (options.port === undefined && env.PORT) options.port = Number(env.PORT);
  if (
    options.port !== undefined &&
    (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535)
  ) {
    throw new Error(`--port must be an integer from 0 to 65535\n${USAGE}`);
  }
  return { ...options, entry: options.entry };
}

/** Starts the host from the command line and wires graceful shutdown (appTerminate hooks run). */
export async function runHostCli(argv: string[]): Promise<void> {
  let options: StartHostOptions;
  try {
    options = parseHostArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const host = await startHost(options);
  console.log(`[${host.name}] listening on ${host.url} in ${(performance.now() - started).toFixed(0)}ms`);
  // A generated key is printed so the developer can call the admin API; a configured one is only named.
  console.log(
    host.masterKey.source === 'generated'
      ? `[${host.name}] admin API key (x-functions-key header, this run only): ${host.masterKey.value}`
      : `[${host.name}] admin API key (x-functions-key header): set by ${host.masterKey.source}`,
  );
  for (const fn of host.functions()) {
    const where =
      fn.route !== undefined
        ? `${(fn.methods ?? []).join(',') || 'ANY'} /${host.routePrefix ? `${host.routePrefix}/` : ''}${fn.route}`
        : (fn.schedule ?? fn.queueName ?? fn.eventHubName ?? '');
    console.log(`[${host.name}]   ${fn.name} (${fn.trigger}) ${where}`);
  }
  let signals = 0;
  const shutdown = (signal: string) => {
    signals += 1;
    if (signals > 1) process.exit(130);
    console.log(`[${host.name}] ${signal}: shutting down`);
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
