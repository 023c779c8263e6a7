// Starts an unpacked deploy package the way the Functions host loads it: package.json `main`, host.json, bare node.
import { randomBytes } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findPackageDir } from '../scripts/lib/packages.mjs';

/** A function as `GET /admin/functions` of the dev host lists it. */
export interface ListedFunction {
  name: string;
  trigger: string;
  route?: string;
  methods?: string[];
}

/** A packaged app running in its own process. */
export interface RunningPackage {
  url: string;
  /** The admin API's key (`x-functions-key`), FUNCTIONS_MASTER_KEY of the child. */
  masterKey: string;
  pid: number;
  /** ms from spawn to the host's "listening" line. */
  listenMs: number;
  functions(): Promise<ListedFunction[]>;
  /** RSS of the process in bytes now, and its peak (VmHWM) where /proc is readable. */
  memory(): { rssBytes: number; peakRssBytes: number | undefined };
  /**
   * CPU time (user + system) the process has used so far, in ms (10 ms resolution), where /proc is readable. Unlike
   * wall time it barely moves when other work shares the machine, so it is the repeatable cold-start figure.
   */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
  output(): string;
}

/** Options of {@link startAppProcess}. */
export interface StartAppProcessOptions {
  /** Entry file: the app's `src/index.ts` (run through the `suite-host` bin, with tsx's loader). */
  entry: string;
  /** Working directory of the process: the app folder, whose `@suite/host` is used. */
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Give up waiting for the host after this many ms (default 60 s). */
  timeoutMs?: number;
}

/** Options of {@link startPackagedApp}. */
export interface StartPackagedAppOptions {
  /** Folder holding host.json and package.json (the unpacked zip). */
  dir: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
}

/** Reads package.json `main` and checks host.json as the Functions host does before loading anything. */
export function resolvePackageEntry(dir: string): string {
  const hostJson = join(dir, 'host.json');
  if (!existsSync(hostJson)) throw new Error(`${dir} has no host.json`);
  const host = JSON.parse(readFileSync(hostJson, 'utf8')) as { version?: string };
  if (host.version !== '2.0') throw new Error(`host.json version must be "2.0", got ${String(host.version)}`);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string };
  if (!pkg.main) throw new Error(`${dir}/package.json has no "main"`);
  const entry = resolve(dir, pkg.main);
  if (!existsSync(entry)) throw new Error(`package.json main ${pkg.main} does not exist in ${dir}`);
  return entry;
}

/** The parent's environment with `overrides` applied; an undefined override removes the variable. */
function mergeEnv(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  // NODE_PATH would let the package resolve modules it does not ship.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_PATH: undefined, ...overrides };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}

function readProcCpuMs(pid: number): number | undefined {
  try {
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * (1000 / CLOCK_TICKS_PER_SECOND) : undefined;
  } catch {
    return undefined;
  }
}

/** USER_HZ: 100 on Linux for every architecture Node supports (it is fixed for the /proc ABI). */
const CLOCK_TICKS_PER_SECOND = 100;

function readProcMemory(pid: number): { rssBytes: number; peakRssBytes: number | undefined } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) * 1024;
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
  } catch {
    return { rssBytes: NaN, peakRssBytes: undefined };
  }
}

/**
 * Reads the package's `npm start` command (`node suite-host.mjs dist/index.js`, written by suite-package) and
 * returns the script and arguments it gives node, so the process can be spawned without npm in between.
 */
export function resolveStartCommand(dir: string): string[] {
  resolvePackageEntry(dir);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const start = pkg.scripts?.start;
  const words = start?.split(/\s+/) ?? [];
  if (words[0] !== 'node' || words.length < 2)
    throw new Error(`${dir}/package.json needs a "start" script "node <host> <main>", got ${String(start)}`);
  const script = resolve(dir, words[1]!);
  if (!existsSync(script)) throw new Error(`the start script's ${words[1]} does not exist in ${dir}`);
  return [script, ...words.slice(2)];
}

/**
 * Runs the unpacked package as `npm start` does (`node suite-host.mjs dist/index.js`, plain node, no TypeScript
 * loader), with the package folder as working directory (as on Azure, /home/site/wwwroot), on a free port.
 */
export function startPackagedApp(options: StartPackagedAppOptions): Promise<RunningPackage> {
  return spawnHost(resolveStartCommand(options.dir), { ...options, cwd: options.dir });
}

/** Spawns one app from its TypeScript source on the `suite-host` bin in a fresh process; resolves once it listens. */
export function startAppProcess(options: StartAppProcessOptions): Promise<RunningPackage> {
  const hostDir = findPackageDir('@suite/host', options.cwd);
  if (!hostDir) throw new Error(`${options.cwd} cannot resolve @suite/host (list it in devDependencies)`);
  return spawnHost([join(hostDir, 'bin', 'suite-host.mjs'), options.entry], options);
}

async function spawnHost(
  command: string[],
  options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number },
): Promise<RunningPackage> {
  const started = performance.now();
  // The host's admin API needs its master key; a known one is handed to the child so functions() can call it.
  const masterKey = options.env?.FUNCTIONS_MASTER_KEY ?? randomBytes(24).toString('base64url');
  // Options after the entry are fine: suite-host reads them in any order, as `npm start -- --port 8080` passes them.
  const child: ChildProcess = spawn(
    process.execPath,
    [...command, '--port', '0', '--host', '127.0.0.1', '--no-timers'],
    {
      cwd: options.cwd,
      env: mergeEnv({ ...options.env, FUNCTIONS_MASTER_KEY: masterKey }),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  // Nor does a host outlive this process when a test run ends without stopping it (a failed hook, a crash).
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => {
      process.off('exit', killOnExit);
      done(code);
    }),
  );
  const url = await new Promise<string>((resolveUrl, rejectUrl) => {
    // A host that does not start in time is killed: left running, it outlived the test run that spawned it.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectUrl(new Error(`host did not start within ${options.timeoutMs ?? 60_000}ms:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      rejectUrl(new Error(`host exited with ${String(code)} before listening:\n${output}`));
    });
  });
  const listenMs = performance.now() - started;
  const pid = child.pid!;
  return {
    url,
    masterKey,
    pid,
    listenMs,
    async functions() {
      const response = await fetch(`${url}/admin/functions`, { headers: { 'x-functions-key': masterKey } });
      if (!response.ok) throw new Error(`GET /admin/functions answered ${response.status}`);
      return (await response.json()) as ListedFunction[];
    },
    memory: () => readProcMemory(pid),
    cpuMs: () => readProcCpuMs(pid),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
    output: () => output,
  };
}
