// Starts an unpacked artifact the way its platform starts it, and sends it requests through the platform's own
// entry: suite-host (Azure), the Functions Framework (GCP), or the local invoke API in front of the handler (AWS, FC).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPackagedApp, type RunningPackage } from '@suite/tooling';
import { freePort, mergeEnv, readCpuMs, spawnUntil } from './child-process.ts';
import { toFcEvent, toLambdaEvent, type PlainRequest } from './platform-events.ts';
import {
  fetchPlain,
  fromEventResult,
  invoke,
  streamInvoke,
  type PlainResponse,
} from './platform-requests.ts';

export type { PlainResponse };

/** Where an artifact runs; `aws-stream` is the aws artifact through its Function URL streaming handler. */
export type CloudTarget = 'azure' | 'aws' | 'aws-stream' | 'gcp' | 'aliyun';

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
