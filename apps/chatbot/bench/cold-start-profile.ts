// Where the packaged chatbot's cold start goes: fresh processes of the deploy package (unminified, so the bundle's
// module comments name each frame's source) run under `node --cpu-prof`, timed from spawn to listening and to the
// first answered POST /api/chat (the cold-start bench's request, a model published beforehand); per process the CPU
// of each source module before listening (imports) and during the first chat, the named steps' inclusive CPU, and
// the longest busy stretch of the app's thread during the first chat (how long the event loop could not turn).
// Usage: nice -n 10 tsx bench/cold-start-profile.ts [--runs=5] [--top=12] [--port=7200]
//   DATABASE_URL: a scratch database on that server (its chat tables are created there once); unset: PGlite in a
//   data folder, as the app defaults. Prints one JSON line per process and one of medians.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildUnpackedPackage, resolveStartCommand } from '@suite/tooling';
import {
  busyMs,
  inclusiveByFunction,
  loadProfile,
  longestBusyMs,
  selfByModule,
  topOwnFunctions,
} from './cpu-profile.ts';
import { APP_DIR } from './host-bin.ts';
import { flag, report } from './intent-data.ts';

const runs = Number(flag('runs', '5'));
const top = Number(flag('top', '12'));
const port = Number(flag('port', '7200'));
const url = `http://127.0.0.1:${port}`;
const ADMIN_KEY = 'bench-cold-start-profile';
const MESSAGE = 'I lost my card, what should I do?'; // packages/e2e/bench/cold-start-requests.ts's
/** Steps of the first chat whose inclusive CPU is reported (function names as the unminified bundle keeps them). */
const STEPS = [
  'ensureChatSchema',
  'issueSession',
  'knowledgeBase',
  'getDemoKnowledgeBase',
  'loadIntents',
  'decodeClassifier',
  'retrieverFor',
  'createFaqRetriever',
  'getLanguageEvidence',
  'decideMessage',
  'getShippedCharTable',
  'insertTurn',
];

const nowUs = () => Number(process.hrtime.bigint() / 1000n);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const round = (x: number) => Math.round(x * 10) / 10;

async function post(path: string, body: unknown, admin = false): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (admin) headers['x-admin-key'] = ADMIN_KEY;
  return fetch(`${url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** A packaged app process (`node [nodeArgs] suite-host.mjs dist/index.js`), resolved once it listens. */
async function startApp(dir: string, env: Record<string, string | undefined>, nodeArgs: string[] = []) {
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, ...resolveStartCommand(dir), '--port', String(port), '--host', '127.0.0.1', '--no-timers'],
    { cwd: dir, env: { ...process.env, NODE_PATH: undefined, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((r) => child.once('exit', r));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('listening on')) resolve();
    });
    void exited.then(() => reject(new Error(`the app exited before listening:\n${out}`)));
  });
  return {
    cpuMs() {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    async stop() {
      child.kill('SIGTERM'); // the host exits on it, and node writes the profile
      await exited;
    },
  };
}

/** Trains and publishes the model the timed processes load (as the cold-start bench's setup does). */
async function setup(): Promise<void> {
  const started = await post('/api/train', {}, true);
  const location = started.headers.get('location');
  if (started.status !== 202 || !location) throw new Error(`POST /api/train answered ${started.status}`);
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const job = (await (
      await fetch(`${url}${location}`, { headers: { 'x-admin-key': ADMIN_KEY } })
    ).json()) as { state: string };
    if (job.state === 'succeeded') return;
    if (job.state !== 'queued' && job.state !== 'running') throw new Error(`training ${job.state}`);
  }
}

function topOf(m: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...m].slice(0, top).map(([k, v]) => [k, round(v)]));
}

const pkg = await buildUnpackedPackage(APP_DIR, { minify: false });
const state = mkdtempSync(join(tmpdir(), 'chatbot-cold-profile-'));
const env = {
  MODEL_STORE: 'fs',
  MODEL_DIR: join(state, 'models'),
  PGLITE_DATA_DIR: process.env.DATABASE_URL ? undefined : join(state, 'pglite'),
  ADMIN_KEY,
  PORT: undefined,
};
const db = process.env.DATABASE_URL ? 'postgres' : 'pglite (data folder)';
try {
  const first = await startApp(pkg.dir, env);
  await setup().finally(() => first.stop());
  const rows: Array<Record<string, number>> = [];
  const modulesBefore: Array<Map<string, number>> = [];
  const modulesChat: Array<Map<string, number>> = [];
  for (let i = 0; i < runs; i++) {
    const profDir = join(state, `prof-${i}`);
    const spawnUs = nowUs();
    const p = await startApp(pkg.dir, env, [
      '--cpu-prof',
      `--cpu-prof-dir=${profDir}`,
      '--cpu-prof-interval=250',
    ]);
    const listenUs = nowUs();
    const cpuListen = p.cpuMs();
    const response = await post('/api/chat', { message: MESSAGE });
    const reply = (await response.json()) as { intent?: string; reply?: string };
    const answeredUs = nowUs();
    const cpuFirst = p.cpuMs();
    await p.stop();
    if (response.status !== 200) throw new Error(`first chat answered ${response.status}`);
    const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no profile in ${profDir}`);
    const prof = loadProfile(join(profDir, file));
    const before = selfByModule(prof, 0, listenUs);
    const chat = selfByModule(prof, listenUs, answeredUs);
    modulesBefore.push(before);
    modulesChat.push(chat);
    const steps = inclusiveByFunction(prof, listenUs, answeredUs, STEPS);
    const row = {
      listenMs: (listenUs - spawnUs) / 1000,
      firstChatMs: (answeredUs - spawnUs) / 1000,
      chatRequestMs: (answeredUs - listenUs) / 1000,
      cpuAtListenMs: cpuListen,
      cpuAtFirstChatMs: cpuFirst,
      profiledBeforeListenMs: busyMs(prof, 0, listenUs),
      profiledChatMs: busyMs(prof, listenUs, answeredUs),
      longestChatStallMs: longestBusyMs(prof, listenUs, answeredUs),
      ...Object.fromEntries(Object.entries(steps).map(([k, v]) => [`step.${k}`, v])),
    };
    rows.push(row);
    report({
      bench: 'cold-start-profile',
      run: i + 1,
      db,
      intent: reply.intent,
      reply: reply.reply?.slice(0, 40),
      ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, round(v)])),
      importsTop: topOf(before),
      chatTop: topOf(chat),
      chatFunctions: topOwnFunctions(prof, listenUs, answeredUs, 25),
      load1: round(loadavg()[0] ?? NaN),
    });
  }
  const medianOf = (maps: Array<Map<string, number>>) => {
    const keys = new Set(maps.flatMap((m) => [...m.keys()]));
    const out = new Map([...keys].map((k) => [k, median(maps.map((m) => m.get(k) ?? 0))]));
    return new Map([...out].sort((a, b) => b[1] - a[1]));
  };
  report({
    bench: 'cold-start-profile',
    summary: `medians of ${runs} fresh processes`,
    db,
    ...Object.fromEntries(
      Object.keys(rows[0] ?? {}).map((k) => [k, round(median(rows.map((r) => r[k] as number)))]),
    ),
    importsTop: topOf(medianOf(modulesBefore)),
    chatTop: topOf(medianOf(modulesChat)),
    load1: round(loadavg()[0] ?? NaN),
  });
} finally {
  pkg.dispose();
  rmSync(state, { recursive: true, force: true });
}
