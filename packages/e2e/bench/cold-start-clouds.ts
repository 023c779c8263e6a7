// Cold start to first prediction of each app's artifact per cloud: Azure (suite-host), AWS Lambda and Alibaba FC
// (the handler behind the local invoke API, import at init), GCP (the Functions Framework), all on this machine.
//
// Usage (repo root): nice -n 5 npx tsx packages/e2e/bench/cold-start-clouds.ts [recommender|anomaly|chatbot ...]
//   env COLD_START_RUNS (default 5) fresh processes per target; CLOUD_TARGETS (default azure,aws,gcp,aliyun).
//   DATABASE_URL set: a fresh schema on that server; unset: PGlite in a data folder shared by the runs.
// One JSON line per figure, with the 1-minute load average: on a busy machine compare cpuMedian, not wall time.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  startCloudTarget,
  type CloudTarget,
  type PlainRequest,
  type RunningTarget,
} from '@suite/adapters/testing';
import { buildUnpackedTargets, type PackageTarget } from '@suite/tooling';
import { createIsolatedState } from '../src/isolated-state.ts';
import { ADMIN_KEY, emit, round } from './bench-lines.ts';
import { createColdStartPlans, type BenchRequest } from './cold-start-requests.ts';
import { median } from './cost-model.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PORTS: [number, number] = [18400, 18599];

function toPlain(request: BenchRequest): PlainRequest {
  const headers: Record<string, string> = request.admin ? { 'x-admin-key': ADMIN_KEY } : {};
  if (request.text)
    return {
      method: request.method,
      path: request.path,
      headers: { ...headers, 'content-type': 'text/csv' },
      body: request.text(),
    };
  if (request.body)
    return {
      method: request.method,
      path: request.path,
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(request.body()),
    };
  return { method: request.method, path: request.path, headers };
}

/** Sends a setup request; a training job (202 + location) is followed to its end. */
async function setup(target: RunningTarget, request: BenchRequest): Promise<number> {
  const answer = await target.request(toPlain(request));
  const location = answer.headers.location;
  if (answer.status !== 202 || !location) return answer.status;
  for (;;) {
    await new Promise((done) => setTimeout(done, 200));
    // Jobs are admin-only: the id alone reads nothing.
    const poll = { method: 'GET', path: location, headers: { 'x-admin-key': ADMIN_KEY } };
    const job = JSON.parse((await target.request(poll)).body.toString()) as {
      state: string;
    };
    if (job.state === 'succeeded') return 200;
    if (job.state !== 'queued' && job.state !== 'running') return 500;
  }
}

async function benchApp(app: string, targets: PackageTarget[], runs: number): Promise<void> {
  const plan = createColdStartPlans(REPO_ROOT)[app];
  if (!plan?.prediction) throw new Error(`no cold-start prediction plan for ${app}`);
  const built = await buildUnpackedTargets(join(REPO_ROOT, 'apps', app), targets);
  const state = await createIsolatedState(`bench_clouds_${app}`, {
    pgliteDir: true,
    env: { ADMIN_KEY, REQUEST_LOG: 'off' },
  });
  try {
    const first = await startCloudTarget({
      target: 'azure',
      dir: built.packages.azure!.dir,
      env: state.env,
      ports: PORTS,
    });
    try {
      for (const request of plan.setup)
        emit({
          bench: 'cold-start-cloud-setup',
          app,
          request: `${request.method} ${request.path}`,
          status: await setup(first, request),
        });
    } finally {
      await first.stop();
    }
    for (const target of targets) {
      const wall: number[] = [];
      const cpu: number[] = [];
      const firstRequest: number[] = [];
      const statuses = new Set<number>();
      for (let i = 0; i < runs; i += 1) {
        const t0 = performance.now();
        const running = await startCloudTarget({
          target: target as CloudTarget,
          dir: built.packages[target]!.dir,
          env: state.env,
          ports: PORTS,
        });
        try {
          let r0 = performance.now();
          let answer = await running.request(toPlain(plan.prediction));
          // An embedded database still booting answers 503 `starting`: a client retries, and so does the bench.
          for (
            let n = 0;
            n < 600 && answer.status === 503 && answer.body.toString().includes('starting');
            n++
          ) {
            r0 = performance.now();
            answer = await running.request(toPlain(plan.prediction));
          }
          statuses.add(answer.status);
          firstRequest.push(performance.now() - r0);
          wall.push(performance.now() - t0);
          cpu.push(running.cpuMs() ?? NaN);
        } finally {
          await running.stop();
        }
      }
      const zipped = built.packages[target]!.report.zippedMB;
      emit({
        bench: 'cold-start-cloud',
        app,
        target,
        metric: 'start_to_first_prediction_ms',
        median: round(median(wall)),
        cpuMedian: round(median(cpu)),
        firstRequestMedianMs: round(median(firstRequest)),
        runs: wall.map(round),
        statuses: [...statuses],
        zippedMB: zipped,
        request: `${plan.prediction.method} ${plan.prediction.path}`,
        db: state.db,
        reference:
          'process spawn -> platform entry loaded (suite-host listening / Functions Framework serving / handler imported behind the local invoke API) -> first prediction 2xx, model load included; cpuMedian = CPU ms of that process',
      });
    }
  } finally {
    await state.dispose();
    built.dispose();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const apps = process.argv.slice(2);
  const targets = (process.env.CLOUD_TARGETS ?? 'azure,aws,gcp,aliyun').split(',') as PackageTarget[];
  if (!targets.includes('azure')) targets.unshift('azure'); // the setup runs on the Azure package
  for (const app of apps.length > 0 ? apps : ['recommender', 'anomaly']) {
    try {
      await benchApp(app, targets, Number(process.env.COLD_START_RUNS ?? 5));
    } catch (error) {
      emit({
        bench: 'cold-start-cloud',
        app,
        error: error instanceof Error ? error.message.slice(0, 500) : String(error),
      });
      process.exitCode = 1;
    }
  }
}
