// Cold start and cost of each packaged app: fresh processes timed to /api/health and to the first prediction.
//
// Usage (repo root): npx tsx packages/e2e/bench/cold-start.ts [chatbot|recommender|anomaly|inference ...]
//   env COLD_START_RUNS (default 5) fresh processes per measure; WARM_REQUESTS (default 20) warm predictions;
//   DATABASE_URL set: a fresh schema on that server (what the cloud does); unset: PGlite in a data folder.
//   FLEX_PRICES_FILE: JSON price list replacing the dated default (see flex-consumption-prices.ts).
//   BENCH_NO_MINIFY=1 bundles without minification; NODE_OPTIONS reaches the app processes (e.g. source maps).
//   COLD_START_SOURCE=0 skips the start from the TypeScript sources (tsx: ~2 s of CPU per run, only for the
//   bundling comparison), e.g. when re-taking the packaged figures on a busy machine.
// Prints one JSON line per figure. Timings depend on the machine's load (loadavg is printed with each line):
// re-run when the machine is quiet; every run rebuilds the package and its state, so runs repeat.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildUnpackedPackage, startAppProcess } from '@suite/tooling';
import { createIsolatedState } from '../src/isolated-state.ts';
import { ADMIN_KEY, emit, round } from './bench-lines.ts';
import { createColdStartPlans, type ColdStartPlan } from './cold-start-requests.ts';
import { estimateInvocationCost, median, smallestInstanceMB } from './cost-model.ts';
import { getFlexPrices } from './flex-consumption-prices.ts';
import { send, withProcess } from './packaged-process.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
async function benchApp(app: string, plan: ColdStartPlan, runs: number, warmRequests: number): Promise<void> {
  const pkg = await buildUnpackedPackage(join(REPO_ROOT, 'apps', app), {
    minify: process.env.BENCH_NO_MINIFY !== '1',
  });
  emit({
    bench: 'package',
    app,
    zippedMB: pkg.report.zippedMB,
    unzippedMB: pkg.report.unzippedMB,
    dependencies: pkg.report.dependencies,
    targetZippedMB: app === 'chatbot' ? null : 10,
  });
  const state = await createIsolatedState(`bench_${app}`, { pgliteDir: true, env: { ADMIN_KEY } });
  try {
    // Setup once: data in, model trained and published, so the timed processes load a real artifact.
    await withProcess(pkg.dir, state.env, async (p) => {
      for (const request of plan.setup) {
        const result = await send(p.url, request);
        emit({
          bench: 'cold-start-setup',
          app,
          request: `${request.method} ${request.path}`,
          status: result.status,
          ms: round(result.ms),
          body: result.status >= 300 ? result.body.slice(0, 300) : undefined,
        });
      }
    });

    const listen: number[] = [];
    const health: number[] = [];
    const healthCpu: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      await withProcess(pkg.dir, state.env, async (p, t0) => {
        listen.push(p.listenMs);
        let result = await send(p.url, { method: 'GET', path: '/api/health' });
        // An embedded database still booting answers 503 `starting` at once: ask again until it is ready.
        for (let i = 0; i < 600 && result.status === 503 && result.body.includes('"starting"'); i++)
          result = await send(p.url, { method: 'GET', path: '/api/health' });
        if (result.status !== 200)
          throw new Error(`${app} /api/health answered ${result.status}: ${result.body}`);
        health.push(performance.now() - t0);
        healthCpu.push(p.cpuMs() ?? NaN);
      });
    }
    // The bundling mitigation: the same app started from its TypeScript sources (tsx, workspace node_modules).
    const sourceListen: number[] = [];
    const sourceRuns = process.env.COLD_START_SOURCE === '0' ? 0 : runs;
    for (let i = 0; i < sourceRuns; i += 1) {
      const appDir = join(REPO_ROOT, 'apps', app);
      const running = await startAppProcess({
        entry: join(appDir, 'src', 'index.ts'),
        cwd: appDir,
        env: state.env,
        timeoutMs: 120_000,
      });
      sourceListen.push(running.listenMs);
      await running.stop();
    }
    emit({
      bench: 'cold-start',
      app,
      metric: 'start_to_listen_ms',
      bundle: round(median(listen)),
      source: sourceListen.length > 0 ? round(median(sourceListen)) : null,
      bundleRuns: listen.map(round),
      sourceRuns: sourceListen.map(round),
      reference:
        'esbuild bundle under plain node vs TypeScript sources under tsx: process spawn -> host listening',
    });
    emit({
      bench: 'cold-start',
      app,
      metric: 'start_to_health_ms',
      median: round(median(health)),
      cpuMedian: round(median(healthCpu)),
      listenMedian: round(median(listen)),
      runs: health.map(round),
      db: state.db,
      reference:
        'process spawn -> host listening (appStart done) -> GET /api/health 200; cpuMedian: CPU ms the app process had used by then (load-independent)',
    });

    if (!plan.prediction) return;
    const first: number[] = [];
    const firstCpu: number[] = [];
    const firstRequest: number[] = [];
    const warm: number[] = [];
    let warmCpuPerRequest = NaN;
    const statuses = new Set<number>();
    let peakRss = 0;
    for (let i = 0; i < runs; i += 1) {
      await withProcess(pkg.dir, state.env, async (p, t0) => {
        const result = await send(p.url, plan.prediction!);
        statuses.add(result.status);
        first.push(performance.now() - t0);
        firstCpu.push(p.cpuMs() ?? NaN);
        firstRequest.push(result.ms);
        // Warm invocations on the last process only: they are what most requests cost.
        if (i === runs - 1) {
          const cpuBefore = p.cpuMs() ?? NaN;
          for (let w = 0; w < warmRequests; w += 1) warm.push((await send(p.url, plan.prediction!)).ms);
          warmCpuPerRequest = ((p.cpuMs() ?? NaN) - cpuBefore) / warmRequests;
        }
        peakRss = Math.max(peakRss, p.memory().peakRssBytes ?? 0);
      });
    }
    const ok = [...statuses].every((s) => s >= 200 && s < 300);
    const firstMedian = median(first);
    emit({
      bench: 'cold-start',
      app,
      metric: 'start_to_first_prediction_ms',
      median: round(firstMedian),
      cpuMedian: round(median(firstCpu)),
      runs: first.map(round),
      firstRequestMedianMs: round(median(firstRequest)),
      request: `${plan.prediction.method} ${plan.prediction.path}`,
      statuses: [...statuses],
      ok,
      targetMs: plan.targetMs,
      meetsTarget: ok && firstMedian < plan.targetMs,
      db: state.db,
      reference: `issue 6 target < ${plan.targetMs} ms from process start, model load included`,
    });

    const prices = getFlexPrices();
    const warmMs = median(warm);
    const recommendedMB = smallestInstanceMB(peakRss, prices.instanceSizesMB);
    const deployed = estimateInvocationCost(
      { durationMs: warmMs, instanceMB: plan.deployedInstanceMB },
      prices,
    );
    const coldCost = estimateInvocationCost(
      { durationMs: median(firstRequest), instanceMB: plan.deployedInstanceMB },
      prices,
    );
    const atRecommended = estimateInvocationCost({ durationMs: warmMs, instanceMB: recommendedMB }, prices);
    emit({
      bench: 'cost',
      app,
      metric: 'usd_per_million_requests',
      warmDurationMs: round(warmMs),
      warmCpuMsPerRequest: round(warmCpuPerRequest),
      coldRequestMs: round(median(firstRequest)),
      peakRssMB: round(peakRss / 2 ** 20),
      deployedInstanceMB: plan.deployedInstanceMB,
      gbSecondsPerInvocation: +deployed.gbSeconds.toPrecision(3),
      usdPerMillion: +deployed.usdPerMillion.toFixed(4),
      usdPerMillionIfAllCold: +coldCost.usdPerMillion.toFixed(4),
      recommendedInstanceMB: recommendedMB,
      usdPerMillionAtRecommended: +atRecommended.usdPerMillion.toFixed(4),
      ok,
      prices: {
        asOf: prices.asOf,
        region: prices.region,
        perGBSecond: prices.perGBSecond,
        perMillionExecutions: prices.perMillionExecutions,
        source: prices.source,
      },
      reference:
        'Flex Consumption on demand: instance memory x execution time + per-execution charge; one execution per instance at a time (upper bound); free grants not subtracted',
    });
  } finally {
    await state.dispose();
    pkg.dispose();
  }
}

/** Runs the bench for `apps` (default: every app that has a plan). */
export async function runColdStartBench(apps?: string[]): Promise<void> {
  const plans = createColdStartPlans(REPO_ROOT);
  const runs = Number(process.env.COLD_START_RUNS ?? 5);
  const warmRequests = Number(process.env.WARM_REQUESTS ?? 20);
  for (const app of apps && apps.length > 0 ? apps : Object.keys(plans)) {
    const plan = plans[app];
    if (!plan) throw new Error(`no cold-start plan for ${app}; known: ${Object.keys(plans).join(', ')}`);
    try {
      await benchApp(app, plan, runs, warmRequests);
    } catch (error) {
      emit({
        bench: 'cold-start',
        app,
        error: error instanceof Error ? error.message.slice(0, 500) : String(error),
      });
      process.exitCode = 1;
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runColdStartBench(process.argv.slice(2));
}
