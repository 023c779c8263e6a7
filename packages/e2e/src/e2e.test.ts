// End to end: each app in its own process through the `suite-host` CLI, exactly as `npm run dev` starts it.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
// The suite-host bin of @suite/host (its `bin` beside `src/`), exactly what the apps' `dev` scripts run.
const BIN = join(
  dirname(createRequire(import.meta.url).resolve('@suite/host')),
  '..',
  'bin',
  'suite-host.mjs',
);
const APPS = ['chatbot', 'recommender', 'anomaly', 'inference'] as const;

interface StartedApp {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts one app on a random port and resolves once it prints the address it listens on. */
function startApp(name: string): Promise<StartedApp> {
  const child = spawn(
    process.execPath,
    [BIN, '--port', '0', '--host', '127.0.0.1', '--name', name, 'src/index.ts'],
    {
      cwd: `${REPO}apps/${name}`,
      // DATABASE_URL passes through when set (CI), so the apps then use the real server; otherwise PGlite.
      env: { ...process.env, PORT: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (found) resolve({ name, child, url: found[1]!, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`)),
    );
  });
}

function stopApp(app: StartedApp): Promise<number | null> {
  if (app.child.exitCode !== null) return Promise.resolve(app.child.exitCode);
  return new Promise((resolve) => {
    app.child.once('exit', (code) => resolve(code));
    app.child.kill('SIGTERM');
  });
}

const started: StartedApp[] = [];

beforeAll(async () => {
  const results = await Promise.allSettled(APPS.map((name) => startApp(name)));
  for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
});

afterAll(async () => {
  await Promise.all(started.map((app) => stopApp(app)));
});

describe('the four apps on the dev host', () => {
  // The first health call opens each app's database; while PGlite's WASM engine starts on a busy machine the
  // probe may miss its deadline and health rightly says 503 (degraded). Poll like a readiness check, then judge.
  const health = new Map<
    string,
    Promise<{ status: number; type: string | null; body: Record<string, unknown> }>
  >();
  const poll = async (url: string) => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(url);
      } catch (error) {
        // A reused keep-alive socket can be reset when the server's idle timer fires while its event loop was
        // blocked (PGlite's WASM start on a loaded machine): a readiness check retries, until the deadline.
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
        continue;
      }
      const result = {
        status: response.status,
        type: response.headers.get('content-type'),
        body: (await response.json()) as Record<string, unknown>,
      };
      if (result.status !== 503 || Date.now() > deadline) return result;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const healthOf = (name: string) => {
    if (!health.has(name)) health.set(name, poll(`${started.find((a) => a.name === name)!.url}/api/health`));
    return health.get(name)!;
  };
  beforeAll(() => {
    APPS.forEach((name) => void healthOf(name).catch(() => undefined));
  });

  it.each(APPS)(
    '%s answers GET /api/health with 200 JSON naming the app',
    async (name) => {
      const { status, type, body } = await healthOf(name);
      expect(status, started.find((a) => a.name === name)!.output()).toBe(200);
      expect(type).toMatch(/application\/json/);
      expect(body.app).toBe(name);
      expect(body.database).toMatchObject({
        reachable: true,
        engine: process.env.DATABASE_URL ? 'pg' : 'pglite',
      });
    },
    120_000,
  );

  it('logs each invocation and shuts down cleanly on SIGTERM', async () => {
    const app = started[0]!;
    await fetch(`${app.url}/api/health`);
    // Piped, the host writes one JSON object per invocation (a terminal gets a short line instead); the last health
    // line is this request's (the readiness poll's earlier ones may say 503, starting).
    const healthLine = () =>
      app
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .findLast((entry) => entry.event === 'invocation' && entry.path === '/api/health');
    await expect.poll(healthLine).toMatchObject({
      function: 'health',
      trigger: 'http',
      method: 'GET',
      status: 200,
      outcome: 'Succeeded',
      durationMs: expect.any(Number),
    });
    expect(await stopApp(app)).toBe(0);
  });
});
