// Added latency of the app over calling onnxruntime-node directly, per request, warm: the :predict handler (body
// read, JSON parse, checks against the signature, tensor build, run, JSON answer, request log line) against
// session.run on the same tensor. One row of the PyTorch export per request (BENCH_ROWS), micro-batching off.
//
// "Warm" means after the JIT has settled: with a few hundred requests V8 is still compiling the handler path in its
// background threads (about 140 TurboFan jobs in the next 5000 requests), and that CPU lands in the p99. The default
// warm-up is 5000 requests per path. process.cpuUsage counts every thread of the process, V8's GC and compiler
// threads included, so the CPU figures are an upper bound of what delays a request; the share of the other threads
// is printed. DATABASE_URL set: the pins table on that server, as deployed; unset: PGlite.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import functions from '@azure/functions';
import * as ort from 'onnxruntime-node';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { loadInferenceConfig } from '../src/config/inference-config.ts';
import { createInference, resetInference } from '../src/service/inference.ts';
import { predict } from '../src/functions/models-predict.ts';

// The package is CommonJS: tsx's ESM loader sees only its default export.
const { HttpRequest, InvocationContext } = functions;
const N = Number(process.env.BENCH_REQUESTS ?? 3000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 5000);
const ROWS = Number(process.env.BENCH_ROWS ?? 1);
const bytes = new Uint8Array(readFileSync(new URL('../models/wine-mlp.onnx', import.meta.url)));
const row = (
  JSON.parse(readFileSync(new URL('../models/wine-mlp.json', import.meta.url), 'utf8')) as {
    reference: { inputs: { features: number[][] } };
  }
).reference.inputs.features[0]!;

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const round = (x: number) => Math.round(x * 1000) / 1000;

const engine = process.env.DATABASE_URL ? 'pg' : 'pglite';
const db = await createTestDb(engine);
const dir = mkdtempSync(join(tmpdir(), 'inference-bench-'));
const service = createInference({
  db,
  store: createFsModelStore(dir),
  config: loadInferenceConfig({ INFERENCE_BATCH_WAIT_MS: '0' }),
  refreshIntervalMs: 60_000,
});
resetInference(service);
await service.publish('wine', bytes, {});
const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
const instances = Array.from({ length: ROWS }, () => row);
const body = JSON.stringify({ instances });
const flat = Float32Array.from(instances.flat());
// The request log line is built as in production (REQUEST_LOG on); the host's transport of it is not the app's.
process.env.REQUEST_LOG = 'json';
let logged = 0;
const context = new InvocationContext({
  functionName: 'bench',
  logHandler: (_level, ...args) => {
    logged += String(args[0]).length;
  },
});
const newRequest = () =>
  new HttpRequest({
    method: 'POST',
    url: 'http://localhost:7074/api/models/wine:predict',
    params: { name: 'wine' },
    headers: { 'content-type': 'application/json' },
    body: { string: body },
  });

async function viaHandler(request: InstanceType<typeof HttpRequest>): Promise<void> {
  const res = await predict(request, context);
  if (res.status !== 200) throw new Error(`predict answered ${res.status}`);
  JSON.stringify(res.jsonBody); // the host serialises the answer too
}
/** The app's own work without the host's request object: parse, check, run, serialise. */
async function viaService(): Promise<void> {
  const { instances } = JSON.parse(body) as { instances: unknown[] };
  JSON.stringify(await service.predict('wine', instances));
}
async function direct(): Promise<void> {
  const t = new ort.Tensor('float32', flat.slice(), [ROWS, 13]);
  await session.run({ features: t });
}

/** CPU milliseconds of each thread of this process (/proc schedstat), to tell the main thread from V8's helpers. */
function threadCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    try {
      out.set(tid, Number(readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6);
    } catch {
      // a thread that ended meanwhile
    }
  }
  return out;
}

for (let i = 0; i < WARMUP; i += 1) {
  await viaHandler(newRequest());
  await direct();
  await viaService();
}
const series = { direct: [], service: [], handler: [], withRequest: [] } as Record<string, number[]>;
const cpuSeries = { direct: [], service: [], handler: [], withRequest: [] } as Record<string, number[]>;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
async function timed(name: string, fn: () => Promise<void>): Promise<void> {
  const c = process.cpuUsage();
  const t = performance.now();
  await fn();
  series[name]!.push(performance.now() - t);
  cpuSeries[name]!.push(cpuMs(process.cpuUsage(c)));
}
const threadsBefore = threadCpuMs();
const cpuBefore = process.cpuUsage();
for (let i = 0; i < N; i += 1) {
  // Alternate, so load changes on the machine hit every series alike.
  await timed('direct', direct);
  const request = newRequest(); // built by the host before the handler runs
  await timed('handler', () => viaHandler(request));
  await timed('withRequest', () => viaHandler(newRequest()));
  await timed('service', viaService);
}
const totalCpu = cpuMs(process.cpuUsage(cpuBefore));
const mainCpu = (threadCpuMs().get(String(process.pid)) ?? 0) - (threadsBefore.get(String(process.pid)) ?? 0);
// Wall time on a shared 2-core machine includes being descheduled (10+ ms slices at load 30); CPU time per request
// (process.cpuUsage, microsecond resolution) is the figure load moves least.
for (const q of [0.5, 0.99]) {
  const at = (name: string, s: Record<string, number[]>) => round(quantile(s[name]!, q));
  console.log(
    JSON.stringify({
      bench: 'added-latency',
      model: `wine-mlp (PyTorch, ${ROWS} row${ROWS === 1 ? '' : 's'})`,
      engine,
      quantile: q,
      directCpuMs: at('direct', cpuSeries),
      handlerCpuMs: at('handler', cpuSeries),
      addedCpuMs: round(at('handler', cpuSeries) - at('direct', cpuSeries)),
      withRequestCpuMs: at('withRequest', cpuSeries),
      serviceCpuMs: at('service', cpuSeries),
      directWallMs: at('direct', series),
      handlerWallMs: at('handler', series),
      addedWallMs: round(at('handler', series) - at('direct', series)),
      withRequestWallMs: at('withRequest', series),
      serviceWallMs: at('service', series),
      target: q === 0.99 ? 'added p99 < 1 ms (issue 14)' : null,
      requests: N,
      warmup: WARMUP,
      otherThreadsCpuShare: round(1 - mainCpu / totalCpu),
      logBytesPerRequest: Math.round(logged / ((WARMUP + N) * 2)),
      load: loadavg()[0]!.toFixed(1),
      cores: cpus().length,
    }),
  );
}
resetInference();
await session.release();
await db.dispose();
rmSync(dir, { recursive: true, force: true });
