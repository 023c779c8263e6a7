// GET /api/health while the first classifier training runs (the first chat on an empty model store, once the schema
// is migrated), through the dev host in its own process: health's p50/p99/max latency before and during training,
// the first chat's wall time (the training plus one answer) and the host's CPU seconds for it, per run and as
// medians. TRAINING_THREAD is passed to the host, so `--threads=main,worker` compares training on the event loop
// (how the app trained before) with training in a worker thread; runs alternate between them.
// Usage: nice -n 10 tsx bench/training-health.ts [--runs=3] [--threads=main,worker] [--port=7220] [--every=50]
//   [--deploy=deploy] [--probe=off]
// Without DATABASE_URL the host runs on embedded PGlite (in memory).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_DIR, HOST_BIN } from './host-bin.ts';
import { flag, report } from './intent-data.ts';

const runs = Number(flag('runs', '3'));
const threads = flag('threads', 'main,worker').split(',');
const port = Number(flag('port', '7220'));
const everyMs = Number(flag('every', '50'));
// --probe=off: no health probes (they cost the host CPU of their own): the first chat's wall time alone.
const probing = flag('probe', 'on') !== 'off';
// --deploy=deploy: the deploy package `npm run package` wrote (the bundle, its worker file beside it), not the sources.
const deployDir = flag('deploy', '');
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite (in-memory)';
const base = `http://127.0.0.1:${port}/api`;
const ADMIN_KEY = 'bench-training-health';

function startHost(modelDir: string, thread: string): ChildProcess {
  const [cwd, args] = deployDir
    ? [resolve(APP_DIR, deployDir), ['suite-host.mjs', '--port', String(port), 'dist/index.js']]
    : [APP_DIR, [HOST_BIN, '--port', String(port), 'src/index.ts']];
  return spawn(process.execPath, args, {
    cwd,
    env: {
      ...process.env,
      MODEL_DIR: modelDir,
      MODEL_REFRESH_SECONDS: '3600',
      PGLITE_DATA_DIR: '',
      TRAINING_THREAD: thread,
      ADMIN_KEY,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** CPU seconds a process has used so far (Linux /proc). */
async function cpuSecondsOf(child: ChildProcess): Promise<number> {
  const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Waits until health answers 200 (the embedded database has booted). */
async function healthy(child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`host exited with ${child.exitCode}`);
    const status = await fetch(`${base}/health`)
      .then(async (r) => (await r.arrayBuffer(), r.status))
      .catch(() => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * GET /api/health, one at a time with `everyMs` between an answer and the next request, until `until` settles; their
 * latencies. One at a time: on a loaded machine a starved process cannot keep up with a fixed rate, and a queue of
 * probes would be measured instead of the event loop.
 */
async function probeHealth(until: Promise<unknown>): Promise<{ ms: number[]; failures: number }> {
  const ms: number[] = [];
  let failures = 0;
  let done = false;
  void until.finally(() => (done = true));
  while (!done) {
    const t = performance.now();
    const status = await fetch(`${base}/health`, { signal: AbortSignal.timeout(120_000) })
      .then(async (r) => (await r.arrayBuffer(), r.status))
      .catch(() => 0);
    if (status === 200) ms.push(performance.now() - t);
    else failures++;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return { ms, failures };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => round1(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
  return { probes: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: round1(sorted.at(-1) ?? NaN) };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function once(thread: string) {
  const modelDir = await mkdtemp(join(tmpdir(), 'chatbot-bench-'));
  const child = startHost(modelDir, thread);
  try {
    await healthy(child);
    // The chatbot's migrations run on its first query (seconds of PGlite on this thread): done here, not timed.
    const warm = await fetch(`${base}/handoffs`, { headers: { 'x-admin-key': ADMIN_KEY } });
    if (warm.status !== 200) throw new Error(`GET /api/handoffs answered ${warm.status}`);
    await warm.arrayBuffer();
    const idle = await probeHealth(new Promise((r) => setTimeout(r, 2000)));
    const cpu0 = await cpuSecondsOf(child);
    const started = performance.now();
    const chat = fetch(`${base}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'where is my new card?' }),
    }).then(async (r) => {
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`the first chat answered ${r.status}`);
      return performance.now() - started;
    });
    const during = probing ? await probeHealth(chat) : { ms: [], failures: 0 };
    const firstChatMs = await chat;
    const cpuS = (await cpuSecondsOf(child)) - cpu0;
    return { idle, during, firstChatMs, cpuS };
  } finally {
    await stop(child);
    await rm(modelDir, { recursive: true, force: true });
  }
}

// Runs alternate between the threads, so a change of load on the machine falls on both alike.
const results = new Map<string, Awaited<ReturnType<typeof once>>[]>(threads.map((t) => [t, []]));
for (let run = 1; run <= runs; run++) {
  for (const thread of threads) {
    const r = await once(thread);
    results.get(thread)?.push(r);
    report({
      bench: 'chatbot.trainingHealth',
      engine,
      app: deployDir ? 'deploy package' : 'sources (tsx)',
      trainingThread: thread,
      run,
      idle: { ...percentiles(r.idle.ms), failures: r.idle.failures },
      duringTraining: { ...percentiles(r.during.ms), failures: r.during.failures },
      firstChatMs: Math.round(r.firstChatMs),
      hostCpuSeconds: round1(r.cpuS),
      loadAverage1m: round1(loadavg()[0] ?? 0),
    });
  }
}
for (const [thread, rows] of results) {
  const during = rows.map((r) => percentiles(r.during.ms));
  report({
    bench: 'chatbot.trainingHealth',
    engine,
    app: deployDir ? 'deploy package' : 'sources (tsx)',
    trainingThread: thread,
    runs,
    median: {
      healthP99MsDuringTraining: median(during.map((d) => d.p99Ms)),
      healthMaxMsDuringTraining: median(during.map((d) => d.maxMs)),
      healthP99MsIdle: median(rows.map((r) => percentiles(r.idle.ms).p99Ms)),
      firstChatMs: Math.round(median(rows.map((r) => r.firstChatMs))),
      hostCpuSeconds: round1(median(rows.map((r) => r.cpuS))),
    },
    reference:
      'the first chat on an empty model store trains the classifier on the demo knowledge base (en,zh,es) and publishes it; trainingThread main is how the app trained before (on the event loop)',
  });
}
