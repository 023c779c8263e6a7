// POST /api/chat through the dev host: cold start to the first answer (empty and warm model store), then req/s and
// p50/p99 for a mix of customers writing in the served demo's languages (in turn), per language and overall, with the
// host's CPU seconds per request (read from /proc, as wall-clock figures mean little on a loaded machine).
// Usage: DATABASE_URL=postgres://... tsx bench/chat-http.ts [--requests=600] [--concurrency=8] [--port=7171]
//   [--languages=en,zh,es] (default: DEMO_KNOWLEDGE_BASE, else the demo's default languages; the host serves them)
// Without DATABASE_URL it runs on embedded PGlite (and says so).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEMO_LANGUAGES } from '../src/kb/demo-knowledge-bases.ts';
import { APP_DIR, HOST_BIN } from './host-bin.ts';
import { flag, report } from './intent-data.ts';

const requests = Number(flag('requests', '600'));
const concurrency = Number(flag('concurrency', '8'));
const port = Number(flag('port', '7171'));
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite (in-memory)';
const languages = flag('languages', process.env.DEMO_KNOWLEDGE_BASE ?? DEFAULT_DEMO_LANGUAGES.join(','))
  .split(',')
  .map((l) => l.trim());
const fixture = JSON.parse(
  await readFile(join(APP_DIR, 'bench', 'fixtures', 'chat-http-messages.json'), 'utf8'),
) as Record<string, string[] | string>;
const MESSAGES = languages.map((language) => {
  const list = fixture[language];
  if (!Array.isArray(list))
    throw new Error(`bench/fixtures/chat-http-messages.json has no "${language}" messages`);
  return list;
});

function startHost(modelDir: string): ChildProcess {
  return spawn(process.execPath, [HOST_BIN, '--port', String(port), 'src/index.ts'], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      MODEL_DIR: modelDir,
      MODEL_REFRESH_SECONDS: '3600',
      PGLITE_DATA_DIR: '',
      DEMO_KNOWLEDGE_BASE: languages.join(','),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

interface Session {
  sessionId: string;
  sessionToken: string;
}

async function chat(message: string, session?: Session): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/chat`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session ? { 'x-session-token': session.sessionToken } : {}),
    },
    body: JSON.stringify({ message, sessionId: session?.sessionId }),
  });
}

/** A session the server issues on a first message (not timed). */
async function startSession(): Promise<Session> {
  const res = await chat('hello');
  if (res.status !== 200) throw new Error(`starting a session answered ${res.status}`);
  return (await res.json()) as Session;
}

/** Milliseconds from spawning the host to the first 200 from /api/chat. */
async function coldStart(modelDir: string): Promise<{ ms: number; child: ChildProcess }> {
  const started = performance.now();
  const child = startHost(modelDir);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`host exited with ${child.exitCode}`);
    try {
      const res = await chat('where is my card?');
      if (res.status === 200) return { ms: performance.now() - started, child };
      throw new Error(`first chat answered ${res.status}: ${await res.text()}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('first chat')) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** CPU seconds a child process has used so far (Linux /proc; undefined elsewhere). */
async function cpuSecondsOf(child: ChildProcess): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Requests, failures, answers in scope and latency percentiles of one share of the run (its req/s: that share of
 * the mixed run's throughput). */
function summary(rows: ReadonlyArray<{ ms: number; ok: boolean; inScope: boolean }>, seconds: number) {
  const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number) =>
    round1(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
  return {
    requests: rows.length,
    failures: rows.filter((r) => !r.ok).length,
    inScope: Number((rows.filter((r) => r.inScope).length / rows.length).toFixed(3)),
    requestsPerSecond: round1(rows.length / seconds),
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const modelDir = await mkdtemp(join(tmpdir(), 'chatbot-bench-'));
try {
  const first = await coldStart(modelDir);
  await stop(first.child);
  report({
    bench: 'chatbot.coldStart',
    engine,
    modelStore: 'empty (trains and publishes on first chat)',
    firstAnswerMs: Math.round(first.ms),
  });
  const { ms, child } = await coldStart(modelDir);
  report({
    bench: 'chatbot.coldStart',
    engine,
    modelStore: 'published model',
    firstAnswerMs: Math.round(ms),
    reference: 'process spawn to first answered POST /api/chat',
  });
  try {
    // Request i is written in language i mod L: every worker's sessions see every language in turn.
    const rows: Array<{ language: string; ms: number; ok: boolean; inScope: boolean }> = [];
    let next = 0;
    const cpu0 = await cpuSecondsOf(child);
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        // Each worker keeps a few sessions alive, so the state store sees follow-up turns as well as new ones.
        const sessions = [await startSession(), await startSession()];
        while (next < requests) {
          const i = next++;
          const l = i % languages.length;
          const list = MESSAGES[l]!;
          const t = performance.now();
          const res = await chat(list[Math.floor(i / languages.length) % list.length]!, sessions[i % 2]);
          const body = (await res.json().catch(() => ({}))) as { outOfScope?: boolean };
          rows.push({
            language: languages[l]!,
            ms: performance.now() - t,
            ok: res.status === 200,
            inScope: body.outOfScope === false,
          });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu1 = await cpuSecondsOf(child);
    const hostCpu = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
    const common = { bench: 'chatbot.chatHttp', engine, llm: false, concurrency, languages };
    const loadAverage1m = round1(loadavg()[0] ?? 0);
    for (const language of languages)
      report({
        ...common,
        language,
        ...summary(
          rows.filter((r) => r.language === language),
          seconds,
        ),
        loadAverage1m,
      });
    report({
      ...common,
      language: 'all',
      ...summary(rows, seconds),
      hostCpuMsPerRequest: hostCpu === undefined ? undefined : round1((hostCpu * 1000) / rows.length),
      loadAverage1m,
    });
  } finally {
    await stop(child);
  }
} finally {
  await rm(modelDir, { recursive: true, force: true });
}
