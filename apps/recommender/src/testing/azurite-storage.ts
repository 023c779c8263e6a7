// A private in-memory Azurite with Blob and Queue services for tests and benches of distributed training,
// on ports of this worktree's range (TRAINING_AZURITE_PORTS, default 18300-18399), stopped by its owner.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteStorage {
  /** Connection string of the dev account with Blob and Queue endpoints. */
  connectionString: string;
  stop(): Promise<void>;
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

async function bin(name: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve('azurite/package.json');
  const pkg = JSON.parse(await readFile(pkgPath, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin[name] as string);
}

function portRange(): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(process.env.TRAINING_AZURITE_PORTS ?? '18300-18399');
  return m ? [Number(m[1]), Number(m[2])] : [18300, 18399];
}

async function startOne(service: 'blob' | 'queue', port: number, cwd: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      await bin(`azurite-${service}`),
      '--inMemoryPersistence',
      `--${service}Host`,
      '127.0.0.1',
      `--${service}Port`,
      String(port),
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--disableTelemetry',
    ],
    { cwd, stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`azurite-${service} exited on port ${port}`);
    if (await canConnect(port)) return child;
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`azurite-${service} did not listen on ${port}`);
}

/** Start Blob and Queue on two free ports of the range. */
export async function startAzuriteStorage(): Promise<AzuriteStorage> {
  const [lo, hi] = portRange();
  const cwd = await mkdtemp(join(tmpdir(), 'azurite-training-'));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    await rm(cwd, { recursive: true, force: true });
  };
  process.once('exit', () => children.forEach((c) => c.kill('SIGKILL')));
  const ports: number[] = [];
  for (const service of ['blob', 'queue'] as const) {
    let lastError: unknown;
    for (let attempt = 0; attempt < 8 && ports.length < (service === 'blob' ? 1 : 2); attempt++) {
      const port = lo + Math.floor(Math.random() * (hi - lo + 1));
      if (ports.includes(port) || (await canConnect(port))) continue;
      try {
        children.push(await startOne(service, port, cwd));
        ports.push(port);
      } catch (error) {
        lastError = error;
      }
    }
    if (ports.length < (service === 'blob' ? 1 : 2)) {
      await stop();
      throw new Error(`could not start azurite-${service}`, { cause: lastError });
    }
  }
  const [blob, queue] = ports as [number, number];
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${queue}/devstoreaccount1;`,
    stop,
  };
}
