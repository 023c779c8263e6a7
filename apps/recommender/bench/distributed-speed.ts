// Speed of distributed training with real worker processes (each one "function instance" polling the queues,
// bench/distributed-worker.ts) on Azurite and the Postgres server, against one process training alone; then
// a model of N workers built from what was measured (bench/distributed-model.ts prints it).
// Usage: DATABASE_URL=postgres://... tsx bench/distributed-speed.ts [data arguments] [--epochs=3] [--processes=1,2]
//        [--save=measured.json] (the measurements, for tsx bench/distributed-model.ts measured.json)
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trainModel } from '../src/training/train-model.ts';
import { resolveTrainOptions } from '../src/training/train-options.ts';
import { startRun } from '../src/distributed/start-run.ts';
import { getRun } from '../src/store/training-run-repository.ts';
import { emit, loadSplits, machineNote, parseBenchArgs } from './bench-args.ts';
import { describeData } from './datasets.ts';
import { createHarness } from './distributed-harness.ts';
import { predictScaling, type Measured } from './distributed-model.ts';

const argv = process.argv.slice(2);
const flag = (name: string, fallback: string) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const epochs = Number(flag('epochs', '3'));
const processes = flag('processes', '1,2').split(',').map(Number);
const rounds = Number(flag('rounds', '8'));
const url = process.env.DATABASE_URL;
if (!url) throw new Error('worker processes share the Postgres server: set DATABASE_URL');
const [split] = loadSplits({ ...parseBenchArgs(argv.filter((a) => !/^--/.test(a))), splits: ['u1'] });
if (!split) throw new Error('no split');
const input = { ratings: split.train, users: split.users, items: split.items };
const data = describeData([split.files.train, split.files.test]);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

// One process, no queues: the time distributed training has to beat (median of 3, same epochs, no early stop).
const single: Record<string, { wallMs: number; cpuMs: number }> = {};
for (const kind of ['fm', 'mf'] as const) {
  const runs = [1, 2, 3].map(() => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    trainModel(input, { kind, epochs, averageFrom: 0, patience: 50 });
    return { wallMs: performance.now() - t0, cpuMs: cpuMs(process.cpuUsage(c0)) };
  });
  single[kind] = { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)) };
  emit({
    bench: 'distributed-speed',
    data,
    mode: 'single-process',
    kind,
    epochs,
    ...single[kind],
    ...machineNote(),
  });
}

const harness = await createHarness('speed');
const workerScript = fileURLToPath(new URL('./distributed-worker.ts', import.meta.url));
const measured: Measured[] = [];
try {
  for (const mode of ['data', 'model'] as const) {
    for (const W of processes) {
      const options = resolveTrainOptions({
        kind: mode === 'data' ? 'fm' : 'mf',
        epochs,
        averageFrom: 0,
        patience: 50,
      });
      const t0 = performance.now();
      const id = await startRun(harness.ctx, mode, W, mode === 'data' ? rounds : W, options, input);
      const setupMs = performance.now() - t0;
      const dbUrl = `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${harness.db.schema}`)}`;
      const outputs = await Promise.all(
        Array.from(
          { length: W },
          () =>
            new Promise<string>((resolve, reject) => {
              const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
                env: {
                  ...process.env,
                  DATABASE_URL: dbUrl,
                  TRAINING_STORAGE: harness.azurite.connectionString,
                  TRAINING_CONTAINER: 'speed',
                  RUN_ID: id,
                },
                stdio: ['ignore', 'pipe', 'inherit'],
              });
              let out = '';
              child.stdout.on('data', (d: Buffer) => (out += d.toString()));
              child.once('exit', (code) =>
                code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}`)),
              );
            }),
        ),
      );
      const wallMs = performance.now() - t0;
      const run = await getRun(harness.db, id);
      if (run?.state !== 'succeeded') throw new Error(`run ${id} ${run?.state}`);
      const workers = outputs.map((o) => JSON.parse(o.trim().split('\n').at(-1) as string));
      const m: Measured = {
        mode,
        processes: W,
        units: W,
        stepsPerEpoch: run.steps,
        epochs: run.history.length,
        wallMs,
        setupMs,
        coldStartMs: median(workers.map((w) => w.readyMs)),
        taskMs: median(workers.flatMap((w) => w.taskMs)),
        reduceMs: median(workers.flatMap((w) => w.reduceMs)),
        computeMsPerEpoch: median(run.history.map((h) => Number(h.computeMsSum))),
        paramBytes: Number(run.history.at(-1)?.workerParamBytes),
        fullModelBytes: Number(run.result?.fullModelBytes),
        maxRssBytes: Math.max(...workers.map((w) => w.maxRssBytes)),
        blob: {
          read: workers.flatMap((w) => w.blob.read),
          readBytes: workers.flatMap((w) => w.blob.readBytes),
          write: workers.flatMap((w) => w.blob.write),
          writeBytes: workers.flatMap((w) => w.blob.writeBytes),
        },
        queueSendMs: median(workers.flatMap((w) => w.queueSend)),
        singleWallMs: (single[options.kind] as { wallMs: number }).wallMs,
      };
      measured.push(m);
      const { blob: _blob, ...shown } = m;
      emit({
        bench: 'distributed-speed',
        data,
        ...shown,
        workersCpuMs: workers.reduce((s, w) => s + w.cpuMs, 0),
        speedupVsSingle: m.singleWallMs / wallMs,
        blobReadMsMedian: median(m.blob.read),
        blobWriteMsMedian: median(m.blob.write),
        ...machineNote(),
      });
    }
  }
} finally {
  await harness.close();
}
const save = flag('save', '');
if (save) writeFileSync(save, JSON.stringify(measured));
for (const scale of [1, 100])
  for (const line of predictScaling(measured, scale))
    emit({ bench: 'distributed-scaling-model', data, ...line });
