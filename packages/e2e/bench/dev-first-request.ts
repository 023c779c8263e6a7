// The first request after `npm run dev` (issue 13: "the first real request after listening answers in under 3 s
// on an idle machine"): each app started as its `dev` script starts it (`suite-host --dev`, timers on, demo
// seeding on) on a fresh, empty PGlite data folder, timed from spawn to "listening", to /api/health answering
// 200, and the first real request sent the moment it listens to its answer.
//
// Each fresh start is followed by a restart on the folder it left (the second `npm run dev`: no initdb, no seeding).
//
// Usage (repo root): nice -n 5 npx tsx packages/e2e/bench/dev-first-request.ts [chatbot|recommender|anomaly ...]
//   env DEV_START_RUNS (default 3) fresh processes per app. The web console build (`npm run build:web`, part of
//   the dev script) is not timed: it runs before the host starts. DATABASE_URL is ignored (unset for the child):
//   the figure is the embedded default's.
// Prints one JSON line per run and one summary line per app (medians), each with the load average and the app
// process's CPU time, which moves far less than wall time when the machine is shared: the CPU the process spends
// between "listening" and the first answer (cpuMsListenToAnswer) is about what that request takes on an idle
// machine, as the process is single-threaded there (PGlite runs in it), unless it waits on I/O.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BIN = join(
  dirname(createRequire(import.meta.url).resolve('@suite/host')),
  '..',
  'bin',
  'suite-host.mjs',
);
const TARGET_MS = 3000;
const RUNS = Number(process.env.DEV_START_RUNS ?? 3);

/** The first real request of each app: what a user of the console or the README does first. */
const FIRST_REQUEST: Record<string, { method: string; path: string; body?: unknown }> = {
  chatbot: { method: 'POST', path: '/api/chat', body: { message: 'My new card still has not arrived' } },
  recommender: { method: 'GET', path: '/api/users/1/recommendations?k=10' },
  anomaly: {
    method: 'POST',
    path: '/api/metrics',
    body: [{ series: 'bench.first', timestamp: new Date().toISOString(), value: 1 }],
  },
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const load = () => +(loadavg()[0] ?? 0).toFixed(2);

/** utime + stime of the process and its waited-for children, ms (USER_HZ is 100 on Linux). */
function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return (f[11]! + f[12]! + f[13]! + f[14]!) * 10;
  } catch {
    return undefined;
  }
}

interface Run {
  listenMs: number;
  healthReadyMs: number;
  firstRequestMs: number;
  firstRequestStatus: number;
  /** CPU time of the app process when it printed "listening", and when the first request was answered. */
  cpuMsAtListen: number | undefined;
  cpuMsAtAnswer: number | undefined;
  /** The CPU the first request cost the process (answer minus listen): about its wall time on an idle machine. */
  cpuMsListenToAnswer: number | undefined;
}

/** One start of `app` on the data folder `data` (fresh, or left by the start before). */
async function runOnce(app: string, data: string): Promise<Run> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [BIN, '--dev', '--port', '0', '--host', '127.0.0.1', 'src/index.ts'],
    {
      cwd: join(REPO_ROOT, 'apps', app),
      env: {
        ...process.env,
        DATABASE_URL: '',
        PGLITE_DATA_DIR: join(data, 'pglite'),
        MODEL_STORE: 'fs',
        MODEL_DIR: join(data, 'models'),
        ADMIN_KEY: 'bench-admin-key',
        PORT: undefined,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  try {
    const url = await new Promise<string>((done, fail) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(output);
        if (m) done(m[1]!);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => fail(new Error(`${app} exited ${code} before listening:\n${output}`)));
    });
    const listenMs = performance.now() - started;
    const cpuMsAtListen = cpuMs(child.pid!);
    const plan = FIRST_REQUEST[app]!;
    const sent = performance.now();
    const first = fetch(`${url}${plan.path}`, {
      method: plan.method,
      // A write (POST /api/metrics) takes the admin key the host was started with; reads ignore it.
      headers: plan.body ? { 'content-type': 'application/json', 'x-admin-key': 'bench-admin-key' } : {},
      body: plan.body ? JSON.stringify(plan.body) : undefined,
    }).then(async (r) => {
      await r.arrayBuffer();
      return { status: r.status, ms: performance.now() - sent, cpu: cpuMs(child.pid!) };
    });
    let healthReadyMs = Number.NaN;
    for (;;) {
      const r = await fetch(`${url}/api/health`).catch(() => undefined);
      await r?.arrayBuffer();
      if (r?.status === 200) {
        healthReadyMs = performance.now() - started;
        break;
      }
      if (performance.now() - started > 120_000) break;
      await new Promise((done) => setTimeout(done, 20));
    }
    const answer = await first;
    return {
      listenMs,
      healthReadyMs,
      firstRequestMs: answer.ms,
      firstRequestStatus: answer.status,
      cpuMsAtListen,
      cpuMsAtAnswer: answer.cpu,
      cpuMsListenToAnswer:
        answer.cpu !== undefined && cpuMsAtListen !== undefined ? answer.cpu - cpuMsAtListen : undefined,
    };
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  }
}

const apps = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(FIRST_REQUEST);
for (const app of apps) {
  if (!FIRST_REQUEST[app])
    throw new Error(`unknown app ${app}; one of ${Object.keys(FIRST_REQUEST).join(', ')}`);
  const runs: Run[] = [];
  const restarts: Run[] = [];
  for (let i = 0; i < RUNS; i++) {
    const data = mkdtempSync(join(tmpdir(), `dev-first-${app}-`));
    try {
      for (const folder of ['fresh', 'restart'] as const) {
        const loadBefore = load();
        const run = await runOnce(app, data);
        (folder === 'fresh' ? runs : restarts).push(run);
        console.log(
          JSON.stringify({
            bench: 'dev-first-request',
            app,
            run: i + 1,
            folder,
            ...run,
            loadavg1m: loadBefore,
          }),
        );
      }
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  }
  const plan = FIRST_REQUEST[app]!;
  console.log(
    JSON.stringify({
      bench: 'dev-first-request',
      app,
      summary: true,
      runs: runs.length,
      request: `${plan.method} ${plan.path}`,
      medianListenMs: Math.round(median(runs.map((r) => r.listenMs))),
      medianHealthReadyMs: Math.round(median(runs.map((r) => r.healthReadyMs))),
      medianFirstRequestMs: Math.round(median(runs.map((r) => r.firstRequestMs))),
      statuses: runs.map((r) => r.firstRequestStatus),
      medianCpuMsAtAnswer: median(runs.map((r) => r.cpuMsAtAnswer ?? Number.NaN)),
      medianCpuMsListenToAnswer: median(runs.map((r) => r.cpuMsListenToAnswer ?? Number.NaN)),
      // The second `npm run dev` on the folder the first one left (PGlite's database exists, demo data seeded).
      restartMedianFirstRequestMs: Math.round(median(restarts.map((r) => r.firstRequestMs))),
      restartMedianCpuMsListenToAnswer: median(restarts.map((r) => r.cpuMsListenToAnswer ?? Number.NaN)),
      targetMs: TARGET_MS,
      reference: 'issue 13: the first real request after listening answers in under 3 s on an idle machine',
      loadavg1m: load(),
    }),
  );
}
