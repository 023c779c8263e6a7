// Throughput with micro-batching against without: 32 concurrent clients, each sending one-row :predict requests
// one after another through the service (parse, checks, batcher, run, JSON), on the PyTorch export and on a
// 1 MB MLP built here. JSON lines; CPU time per request is the figure machine load moves least.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsModelStore } from '@suite/shared/models';
import { createTestDb } from '@suite/shared/testing';
import { loadInferenceConfig } from '../src/config/inference-config.ts';
import { createInference } from '../src/service/inference.ts';
import { createMlpModel } from '../src/testing/create-mlp-model.ts';

const CLIENTS = 32;
const PER_CLIENT = Number(process.env.BENCH_REQUESTS_PER_CLIENT ?? 150);
const WAITS = (process.env.BENCH_WAITS ?? '0,1,2,5').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const models: { name: string; bytes: Uint8Array }[] = [
  {
    name: 'wine-mlp',
    bytes: new Uint8Array(readFileSync(new URL('../models/wine-mlp.onnx', import.meta.url))),
  },
  { name: 'mlp-1mb', bytes: createMlpModel({ inputs: 13, hidden: 500, outputs: 3 }) },
];
const row = (
  JSON.parse(readFileSync(new URL('../models/wine-mlp.json', import.meta.url), 'utf8')) as {
    reference: { inputs: { features: number[][] } };
  }
).reference.inputs.features[0]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const db = await createTestDb('pglite');
for (const { name, bytes } of models) {
  for (const wait of WAITS) {
    const dir = mkdtempSync(join(tmpdir(), 'inference-batch-bench-'));
    const service = createInference({
      db,
      store: createFsModelStore(dir),
      config: loadInferenceConfig({ INFERENCE_BATCH_WAIT_MS: String(wait) }),
      refreshIntervalMs: 3_600_000,
    });
    await service.publish(name, bytes, {});
    const body = JSON.stringify({ instances: [row] });
    const client = async () => {
      for (let i = 0; i < PER_CLIENT; i += 1) {
        const { instances } = JSON.parse(body) as { instances: unknown[] };
        JSON.stringify(await service.predict(name, instances));
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, () => client())); // warm
    const rps: number[] = [];
    const cpuPerRequest: number[] = [];
    for (let r = 0; r < RUNS; r += 1) {
      const c = process.cpuUsage();
      const t = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, () => client()));
      const seconds = (performance.now() - t) / 1000;
      const cpu = process.cpuUsage(c);
      rps.push((CLIENTS * PER_CLIENT) / seconds);
      cpuPerRequest.push((cpu.user + cpu.system) / 1000 / (CLIENTS * PER_CLIENT));
    }
    console.log(
      JSON.stringify({
        bench: 'micro-batching',
        model: name,
        modelBytes: bytes.byteLength,
        clients: CLIENTS,
        batchWaitMs: wait,
        requestsPerSecond: round(median(rps)),
        cpuMsPerRequest: round(median(cpuPerRequest), 4),
        runs: rps.map((x) => round(x)),
        load: loadavg()[0]!.toFixed(1),
        cores: cpus().length,
      }),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}
await db.dispose();
