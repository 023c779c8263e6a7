// One large batch through each wire format: the same BENCH_ROWS rows (default 100,000) of the iris model sent as
// `:predict` instances and as one v2 `infer` tensor, through the handlers as the host calls them (request object,
// body read, JSON parse, zod, checks against the signature, tensor build, run, JSON answer serialised). Prints one
// JSON line per format with the median of BENCH_RUNS runs (default 7, alternating the formats), and one line with
// the ratio. Set BENCH_PROFILE=1 to time the service's stages of one :predict run instead.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import functions from '@azure/functions';
import { getDb, resetDb } from '@suite/shared/db';
import { createFsModelStore } from '@suite/shared/models';
import { loadInferenceConfig } from '../src/config/inference-config.ts';
import { createInference, resetInference } from '../src/service/inference.ts';
import { predict } from '../src/functions/models-predict.ts';
import { v2ModelInfer } from '../src/functions/v2-model-infer.ts';

// The package is CommonJS: tsx's ESM loader sees only its default export.
const { HttpRequest, InvocationContext } = functions;
const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const MODEL = process.env.BENCH_MODEL ?? 'iris-logreg';
/** BENCH_NAMED=1: instances as objects naming the input ({"features": [...]}), as multi-input clients send them. */
const NAMED = process.env.BENCH_NAMED === '1';
const model = JSON.parse(readFileSync(new URL(`../models/${MODEL}.json`, import.meta.url), 'utf8')) as {
  reference: { inputs: { features: number[][] } };
};
const held = model.reference.inputs.features;
const rows = Array.from({ length: ROWS }, (_, i) => held[i % held.length]!);
const bodies = {
  predict: JSON.stringify({ instances: NAMED ? rows.map((features) => ({ features })) : rows }),
  infer: JSON.stringify({
    inputs: [{ name: 'features', shape: [ROWS, held[0]!.length], datatype: 'FP32', data: rows.flat() }],
  }),
};

// The pins table in memory (PGlite): the database is read once per model load, not per request. Not through
// @suite/shared/testing, whose index imports @azure/functions by name, which tsx's ESM loader cannot.
delete process.env.DATABASE_URL;
delete process.env.PGLITE_DATA_DIR;
const db = getDb();
const dir = mkdtempSync(join(tmpdir(), 'inference-bench-'));
const service = createInference({
  db,
  store: createFsModelStore(dir),
  config: loadInferenceConfig({}),
  refreshIntervalMs: 60_000,
});
resetInference(service);
await service.publish(
  'iris',
  new Uint8Array(readFileSync(new URL(`../models/${MODEL}.onnx`, import.meta.url))),
  {},
);
const context = new InvocationContext({ functionName: 'bench', logHandler: () => undefined });

const request = (path: string, body: string) =>
  new HttpRequest({
    method: 'POST',
    url: `http://localhost:7074/api${path}`,
    params: { name: 'iris' },
    headers: { 'content-type': 'application/json' },
    body: { string: body },
  });

const formats = {
  predict: () => predict(request('/models/iris:predict', bodies.predict), context),
  infer: () => v2ModelInfer(request('/v2/models/iris/infer', bodies.infer), context),
};

/** Wall and CPU milliseconds of one request, the answer serialised as the host would. */
async function once(format: keyof typeof formats): Promise<{ wall: number; cpu: number; bytes: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const res = await formats[format]();
  if (res.status !== 200)
    throw new Error(`${format} answered ${res.status}: ${JSON.stringify(res.jsonBody)}`);
  const bytes = JSON.stringify(res.jsonBody).length;
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - started, cpu: (used.user + used.system) / 1000, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Math.round(x);

if (process.env.BENCH_PROFILE === '1') {
  // Stages of the service's :predict, for finding the cost; the handler's own parse is timed separately.
  const t0 = performance.now();
  const { instances } = JSON.parse(bodies.predict) as { instances: unknown[] };
  const t1 = performance.now();
  const answer = await service.predict('iris', instances);
  const t2 = performance.now();
  JSON.stringify(answer);
  const t3 = performance.now();
  console.log(
    JSON.stringify({ parseMs: round(t1 - t0), serviceMs: round(t2 - t1), stringifyMs: round(t3 - t2) }),
  );
} else {
  await once('predict'); // warm-up: the first run compiles the paths
  await once('infer');
  const runs = { predict: [] as number[], infer: [] as number[] };
  const cpu = { predict: [] as number[], infer: [] as number[] };
  const sizes = { predict: 0, infer: 0 };
  for (let i = 0; i < RUNS; i += 1) {
    for (const format of ['predict', 'infer'] as const) {
      const r = await once(format);
      runs[format].push(r.wall);
      cpu[format].push(r.cpu);
      sizes[format] = r.bytes;
    }
  }
  const common = {
    model: 'iris-logreg',
    rows: ROWS,
    runs: RUNS,
    load: loadavg()[0]!.toFixed(1),
    cores: cpus().length,
  };
  for (const format of ['predict', 'infer'] as const) {
    console.log(
      JSON.stringify({
        bench: 'large-batch',
        format: format === 'predict' ? ':predict' : 'v2 infer',
        medianWallMs: round(median(runs[format])),
        medianCpuMs: round(median(cpu[format])),
        requestBytes: bodies[format].length,
        answerBytes: sizes[format],
        ...common,
      }),
    );
  }
  console.log(
    JSON.stringify({
      bench: 'large-batch',
      predictOverInferWall: Math.round((median(runs.predict) / median(runs.infer)) * 100) / 100,
      predictOverInferCpu: Math.round((median(cpu.predict) / median(cpu.infer)) * 100) / 100,
      reference: 'before the fix: :predict about 4x v2 infer (8 s vs 2 s, one run, loaded machine)',
      ...common,
    }),
  );
}
resetInference();
await resetDb();
rmSync(dir, { recursive: true, force: true });
