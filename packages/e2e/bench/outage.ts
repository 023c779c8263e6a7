// The outage run: the anomaly app on the dev host, its PostgreSQL link through a proxy that freezes (no data, no
// reset) for a while under load, clients posting points all along. Prints JSON lines: every answer that is neither
// 200 nor the expected 503 (with its problem body and when it came), answers by status and phase, and acknowledged
// points against the points stored, read afterwards over a direct connection.
// Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test tsx bench/outage.ts [--clients 8] [--freeze 15] [--runs 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startFreezableProxy } from '@suite/shared/testing';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '8' },
    before: { type: 'string', default: '5' },
    freeze: { type: 'string', default: '15' },
    after: { type: 'string', default: '20' },
    batch: { type: 'string', default: '20' },
  },
});
const clients = Number(args.clients);
const [beforeS, freezeS, afterS] = [Number(args.before), Number(args.freeze), Number(args.after)];
const batchSize = Number(args.batch);
const target = process.env.DATABASE_URL;
if (!target) throw new Error('DATABASE_URL must name a PostgreSQL server (the link to it is what freezes)');

const print = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ ...line, loadavg1m: +(loadavg()[0] ?? 0).toFixed(2) }));

// A schema of its own, so the run neither meets nor leaves anything in the database's other tables.
const run = `outage_${Date.now().toString(36)}`;
const direct = new pg.Client({ connectionString: target });
await direct.connect();
await direct.query(`CREATE SCHEMA ${run}`);
const upstream = new URL(target);
const proxy = await startFreezableProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
const through = new URL(target);
through.hostname = '127.0.0.1';
through.port = String(proxy.port);
through.searchParams.set('options', `-c search_path=${run}`);
const modelDir = mkdtempSync(join(tmpdir(), 'outage-models-'));
const ADMIN_KEY = 'outage-bench-admin-key';
Object.assign(process.env, {
  DATABASE_URL: through.href,
  MODEL_DIR: modelDir,
  ADMIN_KEY,
  REQUEST_LOG: 'off',
});
const { startHost } = await import('@suite/host');
const entry = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'apps',
  'anomaly',
  'src',
  'index.ts',
);
const failures: string[] = [];
const host = await startHost({
  entry,
  port: 0,
  timers: false,
  logFormat: 'json',
  log: (line) => {
    const entry = JSON.parse(line) as { outcome?: string };
    if (entry.outcome !== 'Succeeded') failures.push(line);
  },
});

interface Answer {
  client: number;
  startedS: number;
  durationMs: number;
  status: number | 'network-error';
  acked: string[];
  problem?: { code?: string; detail?: string; title?: string };
}
const answers: Answer[] = [];
const t0 = performance.now();
const now = () => (performance.now() - t0) / 1000;
const phaseOf = (s: number) => (s < beforeS ? 'before' : s < beforeS + freezeS ? 'frozen' : 'after');
const endS = beforeS + freezeS + afterS;

async function client(id: number): Promise<void> {
  let n = 0;
  while (now() < endS) {
    const points = Array.from({ length: batchSize }, () => ({
      series: `outage.${id}`,
      timestamp: new Date(Date.UTC(2024, 0, 1) + n++ * 60_000).toISOString(),
      value: 10 + Math.sin(n / 7),
    }));
    const startedS = now();
    const started = performance.now();
    try {
      const res = await fetch(`${host.url}/api/metrics`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admin-key': ADMIN_KEY },
        body: JSON.stringify(points),
      });
      const body = (await res.json()) as Record<string, unknown>;
      const answer: Answer = {
        client: id,
        startedS,
        durationMs: performance.now() - started,
        status: res.status,
        acked: [],
      };
      if (res.status === 200) {
        const results = body.results as Array<{ status: string; index: number }>;
        for (const r of results)
          if (r.status === 'stored' || r.status === 'duplicate')
            answer.acked.push(points[r.index]!.timestamp);
      } else
        answer.problem = {
          code: body.code as string,
          title: body.title as string,
          detail: body.detail as string,
        };
      answers.push(answer);
      // A client told 503 waits as Retry-After asks (at most 1 s here, so the run keeps pressing).
      if (res.status === 503) await new Promise((r) => setTimeout(r, 1000));
    } catch (error) {
      answers.push({
        client: id,
        startedS,
        durationMs: performance.now() - started,
        status: 'network-error',
        acked: [],
        problem: { detail: String(error) },
      });
    }
  }
}

const cpu0 = process.cpuUsage();
const freezeTimer = setTimeout(() => proxy.freeze(), beforeS * 1000);
const thawTimer = setTimeout(() => proxy.thaw(), (beforeS + freezeS) * 1000);
try {
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
} finally {
  clearTimeout(freezeTimer);
  clearTimeout(thawTimer);
  proxy.thaw();
}
const cpu = process.cpuUsage(cpu0);

// Every acknowledged point must be stored; points stored without an acknowledgement are answers lost on the way.
const stored = await direct.query<{ series: string; ts: Date }>(
  `SELECT series, ts FROM ${run}.anomaly_points`,
);
const storedSet = new Set(stored.rows.map((r) => `${r.series}|${r.ts.toISOString()}`));
let acknowledged = 0;
let lost = 0;
for (const a of answers)
  for (const ts of a.acked) {
    acknowledged++;
    if (!storedSet.has(`outage.${a.client}|${ts}`)) lost++;
  }
const byStatus: Record<string, Record<string, number>> = {};
for (const a of answers) {
  const key = String(a.status);
  byStatus[key] ??= {};
  byStatus[key][phaseOf(a.startedS)] = (byStatus[key][phaseOf(a.startedS)] ?? 0) + 1;
}
for (const a of answers.filter((x) => x.status !== 200 && x.status !== 503)) {
  print({
    figure: 'outage.unexpected-answer',
    ...a,
    acked: undefined,
    phase: phaseOf(a.startedS),
    startedS: +a.startedS.toFixed(2),
    durationMs: Math.round(a.durationMs),
  });
}
// Each 503 by phase and reason, with when the first and last were sent (s from the start; the link froze at
// --before and thawed at --before + --freeze) and the slowest of them.
const five03: Record<string, { count: number; firstS: number; lastS: number; slowestMs: number }> = {};
for (const a of answers.filter((x) => x.status === 503)) {
  const key = `${phaseOf(a.startedS)} | ${a.problem?.code ?? '?'}: ${a.problem?.detail ?? ''}`;
  const seen = (five03[key] ??= { count: 0, firstS: a.startedS, lastS: a.startedS, slowestMs: 0 });
  seen.count++;
  seen.firstS = Math.min(seen.firstS, a.startedS);
  seen.lastS = Math.max(seen.lastS, a.startedS);
  seen.slowestMs = Math.max(seen.slowestMs, a.durationMs);
}
for (const [reason, seen] of Object.entries(five03)) {
  print({
    figure: 'outage.503',
    reason,
    count: seen.count,
    firstS: +seen.firstS.toFixed(2),
    lastS: +seen.lastS.toFixed(2),
    slowestMs: Math.round(seen.slowestMs),
  });
}
print({
  figure: 'outage.summary',
  clients,
  freezeS,
  requests: answers.length,
  byStatus,
  acknowledged,
  stored: storedSet.size,
  acknowledgedNotStored: lost,
  storedNotAcknowledged: storedSet.size - (acknowledged - lost),
  slowestMs: Math.round(Math.max(...answers.map((a) => a.durationMs))),
  hostFailures: failures.length,
  cpuMs: Math.round((cpu.user + cpu.system) / 1000),
  reference: 'README: acknowledged = stored, every answer within about 15.5 s',
});
for (const line of failures.slice(0, 10)) print({ figure: 'outage.host-failure', line: JSON.parse(line) });

await host.close();
await proxy.close();
await direct.query(`DROP SCHEMA ${run} CASCADE`);
await direct.end();
rmSync(modelDir, { recursive: true, force: true });
