// Azurite (blob + queue) for `suite-host --dev` and the host's tests: the binaries from node_modules, on local ports.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { devStorageConnectionString } from './storage-connection.ts';

// A bound on a hung start, not a speed: a node process loading Azurite on a loaded machine can take many seconds.
const START_TIMEOUT_MS = 120_000;

/** Where and how to run Azurite. */
export interface LocalAzuriteOptions {
  /** Folder for persisted data (`--location`); omitted: in memory, gone when it stops. */
  location?: string;
  /** Ports; 0 or omitted picks free ones (dev passes the standard 10000 / 10001). */
  blobPort?: number;
  queuePort?: number;
}

/** A running (or reused) Azurite. */
export interface LocalAzurite {
  connectionString: string;
  blobPort: number;
  queuePort: number;
  /** True when this call spawned a process (false: something already answered on both ports). */
  spawned: boolean;
  stop(): Promise<void>;
}

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function azuriteBin(name: 'azurite-blob' | 'azurite-queue'): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('azurite/package.json');
  const bin = (JSON.parse(readFileSync(packageJson, 'utf8')) as { bin: Record<string, string> }).bin[name];
  if (!bin) throw new Error(`the azurite package has no ${name} binary`);
  return join(dirname(packageJson), bin);
}

async function spawnService(
  service: 'blob' | 'queue',
  port: number,
  location: string | undefined,
  cwd: string,
): Promise<ChildProcess> {
  const args = [
    azuriteBin(`azurite-${service}`),
    `--${service}Host`,
    '127.0.0.1',
    `--${service}Port`,
    String(port),
  ];
  args.push(...(location ? ['--location', location] : ['--inMemoryPersistence']));
  args.push('--skipApiVersionCheck', '--loose', '--silent', '--disableTelemetry');
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`azurite-${service} exited (${child.exitCode ?? child.signalCode}): ${stderr}`);
    }
    if (await canConnect(port)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(
    `azurite-${service} did not listen on port ${port} within ${START_TIMEOUT_MS} ms: ${stderr}`,
  );
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts Azurite's blob and queue services (one process each, as `.ci/run` does). A port that already answers is
 * taken as a running Azurite and reused (two apps under `npm run dev` share one). The processes are killed when
 * this process exits.
 * @example const azurite = await startLocalAzurite(); process.env.AzureWebJobsStorage = azurite.connectionString;
 */
export async function startLocalAzurite(options: LocalAzuriteOptions = {}): Promise<LocalAzurite> {
  const blobPort = options.blobPort || (await freePort());
  const queuePort = options.queuePort || (await freePort());
  if (options.location) mkdirSync(options.location, { recursive: true });
  // Azurite writes debug and extent files to its working directory: keep them out of the repo.
  const cwd = options.location ?? mkdtempSync(join(tmpdir(), 'azurite-'));
  const children: ChildProcess[] = [];
  const killAll = () => children.forEach((child) => child.kill('SIGKILL'));
  process.once('exit', killAll);
  const stop = async () => {
    process.removeListener('exit', killAll);
    await Promise.all(children.map(terminate));
    if (!options.location) rmSync(cwd, { recursive: true, force: true });
  };
  try {
    for (const [service, port] of [
      ['blob', blobPort],
      ['queue', queuePort],
    ] as const) {
      if (await canConnect(port)) continue;
      try {
        children.push(await spawnService(service, port, options.location, cwd));
      } catch (error) {
        // Another app's host may have bound the port a moment before us: use that one.
        if (!(await canConnect(port))) throw error;
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    connectionString: devStorageConnectionString(blobPort, queuePort),
    blobPort,
    queuePort,
    spawned: children.length > 0,
    stop,
  };
}
