// Cold start of the packaged app to its first prediction of a 1 MB model: the deploy zip is built and unpacked
// outside the repo, a 1 MB MLP is published once, then fresh processes are timed from spawn to the first 200 of
// :predict (the model load from the store included), without and with INFERENCE_PRELOAD. CPU is the process's own
// (/proc, 10 ms ticks); wall time on a loaded machine is mostly waiting for a core. Also the zipped package size.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDb, testEngines } from '@suite/shared/testing';
import { buildUnpackedPackage, startPackagedApp, type RunningPackage } from '@suite/tooling';
import { createMlpModel } from '../src/testing/create-mlp-model.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ADMIN_KEY = 'bench-admin-key';
const appDir = fileURLToPath(new URL('..', import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x);
const emit = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ ...line, load: loadavg()[0]!.toFixed(1), cores: cpus().length }));

const pkg = await buildUnpackedPackage(appDir);
emit({
  bench: 'package',
  app: 'inference',
  zippedMB: pkg.report.zippedMB,
  unzippedMB: pkg.report.unzippedMB,
  dependencies: pkg.report.dependencies,
  note: 'onnxruntime-node trimmed to linux-x64 by @suite/tooling',
});
const model = createMlpModel({ inputs: 13, hidden: 500, outputs: 3 });
const body = JSON.stringify({ instances: [Array.from({ length: 13 }, (_, i) => i / 13)] });

/**
 * One engine: PGlite in a data folder (local runs), or, with DATABASE_URL, a fresh schema on the server (as deployed:
 * the pins are read over a connection, not from an embedded engine that boots with the process).
 */
async function benchEngine(engine: 'pglite' | 'pg'): Promise<void> {
  const state = mkdtempSync(join(tmpdir(), 'inference-cold-'));
  const server = engine === 'pg' ? await createTestDb('pg') : undefined;
  let databaseUrl: string | undefined;
  if (server) {
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${server.schema}`);
    databaseUrl = url.toString();
  }
  const env = {
    ADMIN_KEY,
    MODEL_STORE: 'fs',
    MODEL_DIR: join(state, 'models'),
    PGLITE_DATA_DIR: server ? undefined : join(state, 'pglite'),
    DATABASE_URL: databaseUrl,
  };
  async function withProcess<T>(
    extra: Record<string, string>,
    fn: (p: RunningPackage, t0: number) => Promise<T>,
  ): Promise<T> {
    const t0 = performance.now();
    const running = await startPackagedApp({ dir: pkg.dir, env: { ...env, ...extra }, timeoutMs: 120_000 });
    try {
      return await fn(running, t0);
    } finally {
      await running.stop();
    }
  }
  try {
    await withProcess({}, async (p) => {
      const res = await fetch(`${p.url}/api/models/bench-mlp`, {
        method: 'PUT',
        body: model,
        headers: { 'content-type': 'application/octet-stream', 'x-admin-key': ADMIN_KEY },
      });
      if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${await res.text()}`);
      // The first prediction also creates the pins table, so the timed runs meet a migrated database.
      await fetch(`${p.url}/api/models/bench-mlp:predict`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
    });
    // Without, then with INFERENCE_PRELOAD: the model load starts when the app starts instead of at the request.
    for (const preload of [false, true]) {
      const wall: number[] = [];
      const cpu: number[] = [];
      const listen: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        await withProcess(preload ? { INFERENCE_PRELOAD: 'bench-mlp' } : {}, async (p, t0) => {
          listen.push(p.listenMs);
          const res = await fetch(`${p.url}/api/models/bench-mlp:predict`, {
            method: 'POST',
            body,
            headers: { 'content-type': 'application/json' },
          });
          if (res.status !== 200) throw new Error(`predict answered ${res.status}: ${await res.text()}`);
          wall.push(performance.now() - t0);
          cpu.push(p.cpuMs() ?? NaN);
        });
      }
      emit({
        bench: 'cold-start',
        app: 'inference',
        engine,
        preload,
        model: `MLP 13-500-500-3, ${(model.byteLength / 1e6).toFixed(2)} MB`,
        metric: 'spawn_to_first_prediction_ms',
        wallMs: round(median(wall)),
        cpuMs: round(median(cpu)),
        listenMs: round(median(listen)),
        wallRuns: wall.map(round),
        cpuRuns: cpu.map(round),
        target: 'under 400 ms (issue 14)',
      });
    }
  } finally {
    await server?.dispose();
    rmSync(state, { recursive: true, force: true });
  }
}

try {
  for (const engine of testEngines()) await benchEngine(engine);
} finally {
  pkg.dispose();
}
