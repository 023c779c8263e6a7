// POST /api/chat through the dev host: cold start to the first answer (empty and warm model store), then req/s and p50/p99.
// Usage: DATABASE_URL=postgres://... tsx bench/chat-http.ts [--requests=400] [--concurrency=8]
// Without DATABASE_URL it runs on embedded PGlite (and says so).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flag, report } from './intent-data.ts';

const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The host's bin sits beside the exported host module's folder (packages/host/src -> packages/host/bin).
const HOST_BIN = resolve(
  dirname(createRequire(import.meta.url).resolve('@suite/host')),
  '..',
  'bin',
  'suite-host.mjs',
);
const requests = Number(flag('requests', '400'));
const concurrency = Number(flag('concurrency', '8'));
const port = Number(flag('port', '7171'));
const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite (in-memory)';
const MESSAGES = [
  'my card still has not arrived',
  'how do I activate my new card',
  'I lost my card',
  'why was my payment declined',
  'I forgot my PIN',
  'my friend did not get the money I sent',
  'cancel my transfer please',
  'what exchange rate do you use',
  'how do I top up',
  'where is my refund',
  'there is a payment I do not recognise',
  'is there a monthly fee',
  'how do I open an account',
  'what is my daily limit',
  'the ATM did not give me my cash',
  'hello',
];

function startHost(modelDir: string): ChildProcess {
  return spawn(process.execPath, [HOST_BIN, '--port', String(port), 'src/index.ts'], {
    cwd: APP_DIR,
    env: { ...process.env, MODEL_DIR: modelDir, MODEL_REFRESH_SECONDS: '3600', PGLITE_DATA_DIR: '' },
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
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        // Each worker keeps a few sessions alive, so the state store sees follow-up turns as well as new ones.
        const sessions = [await startSession(), await startSession()];
        while (next < requests) {
          const i = next++;
          const t = performance.now();
          const res = await chat(MESSAGES[i % MESSAGES.length]!, sessions[i % sessions.length]);
          await res.arrayBuffer();
          if (res.status !== 200) failures++;
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! * 10) / 10;
    report({
      bench: 'chatbot.chatHttp',
      engine,
      llm: false,
      requests,
      concurrency,
      failures,
      requestsPerSecond: Math.round((requests / seconds) * 10) / 10,
      p50Ms: pct(0.5),
      p99Ms: pct(0.99),
      loadAverage1m: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    });
  } finally {
    await stop(child);
  }
} finally {
  await rm(modelDir, { recursive: true, force: true });
}
