// Scale bench of the pipeline-parallel data path: ratings generated from a latent-factor model (gzip CSV), uploaded
// to Azurite, run through the real suite-host (queue triggers polling Azurite) on the PostgreSQL of DATABASE_URL
// (a fresh database) or PGlite. Prints per stage: wall time (first start to last finish), compute (sum of
// invocations), median invocation; the run's total and the host process's peak RSS; then one invocation of each
// stage re-run in a process of its own for its peak memory (maxRSS, and over an idle process that loaded the app).
// Usage: tsx bench/pipeline-scale.ts --ratings=1000000 [--chunk=100000] [--store-ratings] [--port-base=18010]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { BlobServiceClient } from '@azure/storage-blob';
import { emit } from './bench-args.ts';
import { writeLatentFactorRatings } from './latent-factor-ratings.ts';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const ratings = Number(arg('ratings', '1000000'));
const chunkRows = Number(arg('chunk', '100000'));
const storeRatings = process.argv.includes('--store-ratings');
const portBase = Number(arg('port-base', '18010'));
const work = mkdtempSync(join(tmpdir(), 'pipeline-bench-'));
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
const conn = `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${DEV_KEY};BlobEndpoint=http://127.0.0.1:${portBase}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:${portBase + 1}/devstoreaccount1;`;

function startAzurite(): Array<ReturnType<typeof spawn>> {
  const bin = (name: string) => resolve(import.meta.dirname, '../../../node_modules/.bin', name);
  return (['blob', 'queue'] as const).map((service, i) =>
    spawn(
      bin(`azurite-${service}`),
      [
        `--${service}Host`,
        '127.0.0.1',
        `--${service}Port`,
        String(portBase + i),
        '--location',
        join(work, 'azurite'),
        '--skipApiVersionCheck',
        '--loose',
        '--silent',
        '--disableTelemetry',
      ],
      { cwd: work, stdio: 'ignore' },
    ),
  );
}

async function freshDatabase(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) return undefined;
  const name = `bench_pipeline_${Date.now()}`;
  const res = spawnSync('psql', [url, '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return url.replace(/\/[^/]*$/, `/${name}`);
}

const azurite = startAzurite();
try {
  const file = join(work, 'ratings.csv.gz');
  const genStarted = performance.now();
  const rows = await writeLatentFactorRatings(file, ratings);
  emit({
    bench: 'pipeline-scale',
    step: 'generate',
    ratings: rows,
    gzipMB: statSync(file).size / 2 ** 20,
    s: (performance.now() - genStarted) / 1000,
  });
  await new Promise((r) => setTimeout(r, 1500));
  const container = BlobServiceClient.fromConnectionString(conn).getContainerClient('rec-pipelines');
  await container.createIfNotExists();
  await container.getBlockBlobClient('uploads/ratings.csv.gz').uploadFile(file);

  const dbUrl = await freshDatabase();
  Object.assign(process.env, {
    AzureWebJobsStorage: conn,
    PIPELINE_CHUNK_ROWS: String(chunkRows),
    ADMIN_KEY: 'bench',
    MODEL_DIR: join(work, 'models'),
    ...(dbUrl ? { DATABASE_URL: dbUrl } : {}),
  });
  const { startHost } = await import('@suite/host');
  const host = await startHost({
    entry: resolve(import.meta.dirname, '../src/index.ts'),
    port: portBase + 2,
    timers: false,
    log: () => {},
  });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const res = await fetch(`${host.url}/api/pipelines`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admin-key': 'bench' },
    body: JSON.stringify({ blob: 'uploads/ratings.csv.gz', options: { k: 16, storeRatings } }),
  });
  const run = (await res.json()) as { id: string; state: string };
  if (res.status !== 202) throw new Error(JSON.stringify(run));
  let view:
    | {
        state: string;
        heldOutRmse: number | null;
        stages: Array<{ stage: string; rowsIn: number; written: number; rejected: number }>;
        error: string | null;
      }
    | undefined;
  for (;;) {
    try {
      view = (await (
        await fetch(`${host.url}/api/pipelines/${run.id}`, { headers: { 'x-admin-key': 'bench' } })
      ).json()) as typeof view;
    } catch {
      // A kept-alive connection reset under load: ask again.
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    if (view!.state !== 'running') break;
    await new Promise((r) => setTimeout(r, 2000));
  }
  const totalS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  const { getDb } = await import('@suite/shared/db');
  const spans = await getDb().query<{
    stage: string;
    chunks: number;
    wall_s: number;
    compute_s: number;
    median_ms: number;
    max_ms: number;
  }>(
    `SELECT stage, count(*)::int AS chunks,
            extract(epoch FROM max(finished_at) - min(finished_at - duration_ms * interval '1 millisecond'))::float8 AS wall_s,
            sum(duration_ms)::float8 / 1000 AS compute_s,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms)::float8 AS median_ms, max(duration_ms)::float8 AS max_ms
     FROM rec_pipeline_chunks WHERE run_id = $1 GROUP BY stage`,
    [run.id],
  );
  const order = ['split', 'clean', 'features', 'train', 'evaluate', 'publish'];
  for (const s of spans.rows.sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage))) {
    const counts = view!.stages.find((v) => v.stage === s.stage);
    emit({
      bench: 'pipeline-scale',
      ratings: rows,
      chunkRows,
      storeRatings,
      stage: s.stage,
      chunks: s.chunks,
      wallS: s.wall_s,
      computeS: s.compute_s,
      medianInvocationMs: s.median_ms,
      maxInvocationMs: s.max_ms,
      rowsIn: counts?.rowsIn,
      written: counts?.written,
    });
  }
  emit({
    bench: 'pipeline-scale',
    ratings: rows,
    chunkRows,
    storeRatings,
    state: view!.state,
    error: view!.error,
    totalS,
    hostCpuS: (cpu.user + cpu.system) / 1e6,
    hostPeakRssMB: peakRss / 2 ** 20,
    heldOutRmse: view!.heldOutRmse,
    noiseFloorRmse: 0.5,
    loadavg: loadavg()[0],
    reference:
      'stage k on chunk i overlaps stage k-1 on chunk i+1 when wallS of a stage < sum of stage walls',
  });
  await host.close();

  // One invocation per stage in its own process (chunk 1, or 0), its done row removed first so it really runs.
  const chunk = spans.rows.find((s) => s.stage === 'clean')!.chunks > 1 ? 1 : 0;
  for (const stage of ['noop', 'split', 'clean', 'features', 'train', 'evaluate']) {
    // The split only runs for a running run: reopen it for its re-run.
    if (stage === 'split')
      await getDb().query(`UPDATE rec_pipeline_runs SET state = 'running' WHERE id = $1`, [run.id]);
    if (stage !== 'noop') {
      await getDb().query(`DELETE FROM rec_pipeline_chunks WHERE run_id = $1 AND stage = $2 AND chunk = $3`, [
        run.id,
        stage,
        stage === 'split' ? 0 : chunk,
      ]);
    }
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        resolve(import.meta.dirname, 'pipeline-invocation.ts'),
        stage,
        run.id,
        String(stage === 'split' ? 0 : chunk),
      ],
      { encoding: 'utf8', env: process.env },
    );
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    try {
      emit({
        bench: 'pipeline-invocation',
        ratings: rows,
        chunkRows,
        ...(JSON.parse(line) as Record<string, unknown>),
      });
    } catch {
      emit({ bench: 'pipeline-invocation', stage, error: child.stderr.slice(-500) });
    }
  }
  await getDb().close();
} finally {
  // Azurite flushes its files as it stops: wait for both to exit before removing the folder.
  await Promise.all(
    azurite.map((child) => {
      if (child.exitCode !== null) return undefined;
      child.kill('SIGTERM');
      // Azurite with --location can hang while closing: make sure it ends.
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      return once(child, 'exit');
    }),
  );
  rmSync(work, { recursive: true, force: true });
}
