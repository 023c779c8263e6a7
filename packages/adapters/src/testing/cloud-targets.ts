// Starts an unpacked artifact the way its platform starts it, and sends it requests through the platform's own
// entry: suite-host (Azure), the Functions Framework (GCP), or the local invoke API in front of the handler (AWS, FC).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPackagedApp, type RunningPackage } from '@suite/tooling';
import { PRELUDE_DELIMITER } from './aws-lambda-global.mjs';
import { toFcEvent, toLambdaEvent, type PlainRequest } from './platform-events.ts';

/** Where an artifact runs; `aws-stream` is the aws artifact through its Function URL streaming handler. */
export type CloudTarget = 'azure' | 'aws' | 'aws-stream' | 'gcp' | 'aliyun';

/** An HTTP answer, whatever the platform's response shape was. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

/** A started artifact. */
export interface RunningTarget {
  target: CloudTarget;
  pid: number;
  request(request: PlainRequest): Promise<PlainResponse>;
  /** Runs a timer through the platform's scheduler path; resolves with the platform's answer status. */
  runTimer(name: string, adminKey: string): Promise<{ ok: boolean; detail: string }>;
  /** CPU ms the process used so far (/proc), the load-independent part of a cold start. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
  /** aws only: the same process through its Function URL streaming handler (stopping it stops nothing). */
  streaming?: RunningTarget;
}

const LOCAL_RUNTIME = fileURLToPath(new URL('./local-runtime.mjs', import.meta.url));

/** A free port in this worktree's range when one is given (`ports`), else any free port. */
async function freePort(range?: [number, number]): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  if (range) {
    for (let port = range[0]; port <= range[1]; port += 1) {
      const found = await tryPort(port);
      if (found) return found;
    }
  }
  const any = await tryPort(0);
  if (!any) throw new Error('no free port');
  return any;
}

function readCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Spawns `node args` in `cwd` and resolves once its output matches `ready`. */
async function spawnUntil(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs: number,
) {
  const child: ChildProcess = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`not ready within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`exited before ready:\n${output}`));
    });
  });
  return {
    child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function mergeEnv(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: undefined, ...overrides };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

async function fetchPlain(base: string, request: PlainRequest): Promise<PlainResponse> {
  const send = () =>
    fetch(`${base}${request.path}`, {
      method: request.method,
      headers: request.headers,
      body: request.body as RequestInit['body'],
    });
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    // A kept-alive connection the server closed as the request left (its event loop was busy past its keep-alive
    // timeout): a GET is safe to send again, as HTTP clients do.
    if (request.method !== 'GET' || (error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET')
      throw error;
    response = await send();
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  return {
    status: response.status,
    headers,
    cookies: response.headers.getSetCookie(),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

interface EventResult {
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

async function invoke(url: string, payload: string | Buffer): Promise<EventResult> {
  const response = await fetch(url, { method: 'POST', body: payload });
  const text = await response.text();
  if (response.headers.get('x-amz-function-error')) throw new Error(`function error: ${text}`);
  return JSON.parse(text) as EventResult;
}

const fromEventResult = (result: EventResult): PlainResponse => ({
  status: result.statusCode,
  headers: Object.fromEntries(Object.entries(result.headers ?? {}).filter(([k]) => k !== 'set-cookie')),
  cookies: result.cookies ?? [],
  body: Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8'),
});

async function streamInvoke(url: string, payload: string): Promise<PlainResponse> {
  const bytes = Buffer.from(await (await fetch(url, { method: 'POST', body: payload })).arrayBuffer());
  const at = bytes.indexOf(Buffer.from(PRELUDE_DELIMITER));
  if (at < 0) throw new Error(`no HTTP prelude in the stream: ${bytes.subarray(0, 200).toString()}`);
  const prelude = JSON.parse(bytes.subarray(0, at).toString()) as EventResult;
  return {
    ...fromEventResult({ ...prelude, body: '' }),
    body: bytes.subarray(at + PRELUDE_DELIMITER.length),
  };
}

/** Options of {@link startCloudTarget}. */
export interface StartCloudTargetOptions {
  target: CloudTarget;
  /** The unpacked artifact of that target (`aws-stream` uses the aws one). */
  dir: string;
  env?: Record<string, string | undefined>;
  /** Ports to try first (a worktree's own range); default any free port. */
  ports?: [number, number];
  timeoutMs?: number;
}

/**
 * Starts an artifact as its platform would and answers requests through the platform's request shape.
 * @example const t = await startCloudTarget({ target: 'gcp', dir: built.packages.gcp.dir }); await t.request({ method: 'GET', path: '/api/health' });
 */
export async function startCloudTarget(options: StartCloudTargetOptions): Promise<RunningTarget> {
  const { target, dir } = options;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const env = mergeEnv(options.env ?? {});
  if (target === 'azure') {
    const host: RunningPackage = await startPackagedApp({ dir, env: options.env, timeoutMs });
    return {
      target,
      pid: host.pid,
      request: (request) => fetchPlain(host.url, request),
      async runTimer(name) {
        const response = await fetch(`${host.url}/admin/functions/${name}`, {
          method: 'POST',
          headers: { 'x-functions-key': host.masterKey, 'content-type': 'application/json' },
          body: '{}',
        });
        const outcome = (await response.json()) as { status?: string; error?: string };
        return { ok: outcome.status === 'Succeeded', detail: JSON.stringify(outcome) };
      },
      cpuMs: () => host.cpuMs(),
      stop: () => host.stop(),
    };
  }
  const port = await freePort(options.ports);
  if (target === 'gcp') {
    // The package's own `npm start` script, without npm in between: it runs where the package was unzipped, with
    // no install (so no node_modules/.bin), as the README says it does.
    const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      scripts?: { start?: string };
    };
    const [command, ...startArgs] = (scripts?.start ?? '').split(/\s+/);
    if (command !== 'node') throw new Error(`gcp: npm start needs an install to run: ${scripts?.start}`);
    const args = [...startArgs, `--port=${port}`];
    const started = await spawnUntil(
      args,
      dir,
      { ...env, PORT: String(port) },
      /Serving function/,
      timeoutMs,
    );
    const base = `http://127.0.0.1:${port}`;
    return {
      target,
      pid: started.child.pid!,
      request: (request) => fetchPlain(base, request),
      async runTimer(name, adminKey) {
        const response = await fetch(`${base}/_suite/timers/${name}`, {
          method: 'POST',
          headers: { 'x-admin-key': adminKey },
        });
        return { ok: response.status === 200, detail: await response.text() };
      },
      cpuMs: () => readCpuMs(started.child.pid!),
      stop: started.stop,
    };
  }
  const platform = target === 'aliyun' ? 'aliyun' : 'aws';
  const args = [LOCAL_RUNTIME, '--platform', platform, '--dir', dir, '--port', String(port)];
  const started = await spawnUntil(args, dir, env, /local \w+ runtime on/, timeoutMs);
  const base = `http://127.0.0.1:${port}`;
  const buffered = `${base}${platform === 'aws' ? '/2015-03-31/functions/function/invocations' : '/invoke'}`;
  const streaming = `${base}/2021-11-15/functions/function/response-streaming-invocations`;
  const running: RunningTarget = {
    target,
    pid: started.child.pid!,
    async request(request) {
      if (target === 'aliyun') return fromEventResult(await invoke(buffered, toFcEvent(request)));
      const event = JSON.stringify(toLambdaEvent(request));
      return target === 'aws-stream'
        ? streamInvoke(streaming, event)
        : fromEventResult(await invoke(buffered, event));
    },
    async runTimer(name) {
      const event =
        platform === 'aws'
          ? { suiteTimer: name }
          : {
              triggerTime: new Date().toISOString(),
              triggerName: name,
              payload: JSON.stringify({ suiteTimer: name }),
            };
      try {
        const outcome = await invoke(buffered, JSON.stringify(event));
        return { ok: true, detail: JSON.stringify(outcome) };
      } catch (error) {
        return { ok: false, detail: String(error) };
      }
    },
    cpuMs: () => readCpuMs(started.child.pid!),
    stop: started.stop,
  };
  if (target === 'aws') {
    running.streaming = {
      ...running,
      target: 'aws-stream',
      request: async (request) => streamInvoke(streaming, JSON.stringify(toLambdaEvent(request))),
      stop: async () => {},
    };
  }
  return running;
}
