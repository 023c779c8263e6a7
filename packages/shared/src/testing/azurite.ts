// A real Azurite blob endpoint for tests: the one CI started (AZURITE_CONNECTION_STRING), or a private in-memory one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The well-known development account key every Azurite accepts (public, not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const START_TIMEOUT_MS = 20_000;

/** A running Azurite blob service. */
export interface AzuriteHandle {
  /** Connection string for `BlobServiceClient.fromConnectionString` (account devstoreaccount1). */
  connectionString: string;
  /** Stops the Azurite this call spawned; a no-op when an external one (CI) was reused. */
  stop(): Promise<void>;
}

/** The connection string of the dev account on a local blob port. */
export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};` +
    `BlobEndpoint=http://${host}:${port}/${DEV_ACCOUNT};`
  );
}

/**
 * Returns a real Azurite blob endpoint. Reuses `AZURITE_CONNECTION_STRING` when set (CI starts one); otherwise
 * spawns `azurite-blob` from node_modules in memory on a free port and waits until it accepts connections.
 *
 * @example
 * const azurite = await startAzurite();
 * const store = createBlobModelStore({ connectionString: azurite.connectionString, container: 'models' });
 * // ...
 * await azurite.stop();
 */
export async function startAzurite(): Promise<AzuriteHandle> {
  const external = process.env.AZURITE_CONNECTION_STRING;
  if (external) return { connectionString: external, stop: async () => {} };

  let lastError: unknown;
  // A port picked free can be taken by someone else before Azurite binds it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await spawnAzurite(await findFreePort());
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error('Could not start Azurite', { cause: lastError });
}

async function spawnAzurite(port: number): Promise<AzuriteHandle> {
  // In memory Azurite refuses --location; run it in a temp cwd so nothing it writes lands in the repo.
  const location = await mkdtemp(join(tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [
      await resolveAzuriteBlobBin(),
      '--inMemoryPersistence',
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--disableTelemetry',
    ],
    { cwd: location, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  // A test run that forgets stop() must not leave Azurite behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    await terminate(child);
    await rm(location, { recursive: true, force: true });
  };

  try {
    await waitUntilListening(child, port, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { connectionString: azuriteConnectionString(port), stop };
}

async function resolveAzuriteBlobBin(): Promise<string> {
  const require = createRequire(import.meta.url);
  const packageJsonPath = require.resolve('azurite/package.json');
  const pkg = JSON.parse(await readFile(packageJsonPath, 'utf8')) as { bin: Record<string, string> };
  const bin = pkg.bin['azurite-blob'];
  if (!bin) throw new Error('azurite package has no azurite-blob binary');
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

async function waitUntilListening(child: ChildProcess, port: number, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`azurite-blob exited (${child.exitCode ?? child.signalCode}): ${stderr()}`);
    }
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`azurite-blob did not listen on port ${port} within ${START_TIMEOUT_MS} ms: ${stderr()}`);
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
