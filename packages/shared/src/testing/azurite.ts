// A real Azurite blob (and queue) endpoint for tests: the one CI started (AZURITE_CONNECTION_STRING), an account of
// its own on the Azurite the test run shares (azurite-shared.ts), or a private in-memory one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { tryClaimSharedAzurite } from './azurite-shared.ts';

/** The well-known development account key every Azurite accepts (public, not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
// A bound on a hung start, not a speed: a node process loading Azurite on a loaded machine can take many seconds.
const START_TIMEOUT_MS = 120_000;

/** What {@link startAzurite} starts. */
export interface AzuriteOptions {
  /** Also a queue service (QueueEndpoint in the connection string), for queue-triggered functions. */
  queue?: boolean;
  /**
   * Storage no other caller uses, even when CI's is set: for tests whose fixed queue names a host in another test
   * file (or package) would poll too. An account of its own on the test run's shared Azurite when there is one,
   * else a spawned Azurite.
   */
  private?: boolean;
}

/** A running Azurite blob service. */
export interface AzuriteHandle {
  /** Connection string for `BlobServiceClient` / `QueueServiceClient.fromConnectionString` (devstoreaccount1). */
  connectionString: string;
  /** Stops the Azurite this call spawned; a no-op when an external one (CI) was reused. */
  stop(): Promise<void>;
}

/**
 * The connection string of an account (the dev account unless named; every account here has the dev key) on a
 * local blob port (and queue port, when given).
 */
export function azuriteConnectionString(
  port: number,
  host = '127.0.0.1',
  queuePort?: number,
  account = DEV_ACCOUNT,
): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${account};AccountKey=${DEV_KEY};` +
    `BlobEndpoint=http://${host}:${port}/${account};` +
    (queuePort ? `QueueEndpoint=http://${host}:${queuePort}/${account};` : '')
  );
}

/**
 * Returns a real Azurite blob endpoint (and queue endpoint with `{ queue: true }`). Reuses `AZURITE_CONNECTION_STRING`
 * when set and it has what was asked for (CI starts blob and queue); otherwise spawns `azurite-blob` (and
 * `azurite-queue`) from node_modules in memory on free ports and waits until they accept connections.
 *
 * @example
 * const azurite = await startAzurite();
 * const store = createBlobModelStore({ account: azurite.connectionString, container: 'models' });
 * // ...
 * await azurite.stop();
 */
export async function startAzurite(options: AzuriteOptions = {}): Promise<AzuriteHandle> {
  const external = process.env.AZURITE_CONNECTION_STRING;
  if (external && !options.private && (!options.queue || /QueueEndpoint=/i.test(external))) {
    return { connectionString: external, stop: async () => {} };
  }
  // Its account is never handed out again, so there is nothing to stop; the test run's teardown stops Azurite.
  const claimed = tryClaimSharedAzurite();
  if (claimed) return { connectionString: claimed, stop: async () => {} };
  return (await spawnOnFreePorts(options.queue ?? false, [])).handle;
}

/**
 * Spawns blob and queue services that serve these accounts (each with the dev key) beside the dev account, for one
 * Azurite shared by many test files: `connectionStrings` in the order of `accounts`.
 */
export async function startAzuriteAccounts(
  accounts: string[],
): Promise<{ connectionStrings: string[]; stop(): Promise<void> }> {
  const { handle, port, queuePort } = await spawnOnFreePorts(true, accounts);
  const connectionStrings = accounts.map((a) => azuriteConnectionString(port, '127.0.0.1', queuePort, a));
  return { connectionStrings, stop: handle.stop };
}

async function spawnOnFreePorts(
  queue: boolean,
  accounts: string[],
): Promise<{ handle: AzuriteHandle; port: number; queuePort: number | undefined }> {
  let lastError: unknown;
  // A port picked free can be taken by someone else before Azurite binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const port = await findFreePort();
      const queuePort = queue ? await findFreePort() : undefined;
      return { handle: await spawnAzurite(port, queuePort, accounts), port, queuePort };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error('Could not start Azurite', { cause: lastError });
}

/** Spawns Azurite on these ports (startAzurite picks free ones and retries); exported for its tests. */
export async function spawnAzurite(
  port: number,
  queuePort: number | undefined,
  accounts: string[] = [],
): Promise<AzuriteHandle> {
  // In memory Azurite refuses --location; run it in a temp cwd so nothing it writes lands in the repo.
  const location = await mkdtemp(join(tmpdir(), 'azurite-'));
  const services: Array<['blob' | 'queue', number]> = [['blob', port]];
  if (queuePort) services.push(['queue', queuePort]);
  const children: ChildProcess[] = [];
  // A test run that forgets stop() must not leave Azurite behind.
  const killOnExit = (): void => {
    for (const child of children) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await Promise.all(children.map(terminate));
    await rm(location, { recursive: true, force: true });
  };
  try {
    for (const [service, servicePort] of services) {
      const child = spawn(
        process.execPath,
        [
          await resolveAzuriteBin(`azurite-${service}`),
          '--inMemoryPersistence',
          `--${service}Host`,
          '127.0.0.1',
          `--${service}Port`,
          String(servicePort),
          '--skipApiVersionCheck',
          '--loose',
          '--silent',
          '--disableTelemetry',
        ],
        {
          cwd: location,
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, ...accountsEnv(accounts) },
        },
      );
      children.push(child);
      await waitUntilListening(child, servicePort, `azurite-${service}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { connectionString: azuriteConnectionString(port, '127.0.0.1', queuePort), stop };
}

/** Azurite serves the accounts of AZURITE_ACCOUNTS instead of the dev account: name that one too. */
function accountsEnv(accounts: string[]): Record<string, string> {
  if (accounts.length === 0) return {};
  return { AZURITE_ACCOUNTS: [DEV_ACCOUNT, ...accounts].map((a) => `${a}:${DEV_KEY}`).join(';') };
}

async function resolveAzuriteBin(name: 'azurite-blob' | 'azurite-queue'): Promise<string> {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve('azurite/package.json');
  const pkg = JSON.parse(await readFile(packageJsonPath, 'utf8')) as { bin: Record<string, string> };
  const bin = pkg.bin[name];
  if (!bin) throw new Error(`azurite package has no ${name} binary`);
  return join(dirname(packageJsonPath), bin);
}

/** Asks the OS for a free port (`--blobPort 0` would hide the real port from us). */
function findFreePort(): Promise<number> {
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

/**
 * Resolves when `child` itself says it listens on `port` (Azurite prints it even with --silent). A connect to the
 * port is no proof: when another process took the port first, this child fails to bind and exits, while the
 * other one answers, and a test would then share it.
 */
function waitUntilListening(child: ChildProcess, port: number, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () =>
        settle(new Error(`${name} did not listen on port ${port} within ${START_TIMEOUT_MS} ms: ${stderr}`)),
      START_TIMEOUT_MS,
    );
    child.once('exit', (code, signal) =>
      settle(new Error(`${name} exited (${code ?? signal}) before listening on port ${port}: ${stderr}`)),
    );
    // The listeners stay for the child's life: they keep both pipes drained.
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout = (stdout + chunk.toString()).slice(-2000);
      if (stdout.includes(`listens on http://127.0.0.1:${port}`)) settle();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
  });
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

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}
