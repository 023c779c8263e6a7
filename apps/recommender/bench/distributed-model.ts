// A model of distributed training with N workers, built only from what bench/distributed-speed.ts measured:
// unit compute, Blob latency against size (least squares over every Blob call), the per-step residual
// (queue pickup, database checks), reduce time, cold start. Assumptions, stated where they are used:
// - compute divides evenly over units (shards balanced by ratings; DSGD cells by ratings too);
// - a data-parallel reducer reads its N shard results one after another (conservative: one instance's
//   bandwidth), a model-parallel unit moves 1/N of the model each way, its reducer only a small blob;
// - instances run in parallel with no contention (each its own CPU), cold starts overlap (paid once);
// - Azure Functions Consumption plan prices (East US): $0.000016 per GB-s and $0.20 per million executions,
//   memory billed rounded up to 128 MB, free grant ignored; Blob and queue transaction charges not included.

export interface Measured {
  mode: 'data' | 'model';
  processes: number;
  units: number;
  stepsPerEpoch: number;
  epochs: number;
  wallMs: number;
  setupMs: number;
  coldStartMs: number;
  taskMs: number;
  reduceMs: number;
  computeMsPerEpoch: number;
  paramBytes: number;
  fullModelBytes: number;
  maxRssBytes: number;
  blob: { read: number[]; readBytes: number[]; write: number[]; writeBytes: number[] };
  queueSendMs: number;
  singleWallMs: number;
}

const PRICE_GB_S = 0.000016;
const PRICE_EXECUTION = 0.2 / 1e6;

/** ms = a + b * bytes by least squares. */
function fit(ms: number[], bytes: number[]): { a: number; b: number } {
  const n = ms.length;
  const mx = bytes.reduce((s, x) => s + x, 0) / n;
  const my = ms.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += ((bytes[i] as number) - mx) * ((ms[i] as number) - my);
    sxx += ((bytes[i] as number) - mx) ** 2;
  }
  const b = sxx > 0 ? Math.max(0, sxy / sxx) : 0;
  return { a: Math.max(0, my - b * mx), b };
}

/**
 * Predicted wall time, speed-up and cost per run for N = 1..64, per mode, from the one-unit run of each mode.
 * `computeScale` multiplies the measured compute (and so the single process's time) and nothing else: a what-if
 * for k times the ratings over the same users and items (same parameter bytes, same number of messages).
 */
export function predictScaling(measured: Measured[], computeScale = 1): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const mode of ['data', 'model'] as const) {
    const one = measured.find((m) => m.mode === mode && m.units === 1);
    if (!one) continue;
    // One Blob service for both modes: fit on every call (data-mode blobs alone all weigh ~1.74 MB, too alike
    // to separate latency from size).
    const all = measured;
    const read = fit(
      all.flatMap((m) => m.blob.read),
      all.flatMap((m) => m.blob.readBytes),
    );
    const write = fit(
      all.flatMap((m) => m.blob.write),
      all.flatMap((m) => m.blob.writeBytes),
    );
    const r = (bytes: number) => read.a + read.b * bytes;
    const w = (bytes: number) => write.a + write.b * bytes;
    const C = one.computeMsPerEpoch * computeScale;
    // The single process does the same epochs' compute without any of the overheads; taken from the one-unit
    // run's own compute timings, so both sides saw the same machine load.
    const singleMs = one.epochs * C;
    const R = one.stepsPerEpoch;
    const P = one.fullModelBytes;
    // With one unit a step is its unit then its reduce, in series: what is left is pickup and coordination.
    const residual = Math.max(
      0,
      (one.wallMs - one.setupMs - one.coldStartMs) / (one.epochs * R) - one.taskMs - one.reduceMs,
    );
    const unitFixed = Math.max(0, one.taskMs - one.computeMsPerEpoch / R - r(P) - w(P));
    const memGb = (Math.ceil(one.maxRssBytes / (128 * 2 ** 20)) * 128) / 1024;
    for (let N = 1; N <= 64; N *= 2) {
      const steps = mode === 'data' ? R : N;
      const unitMs =
        mode === 'data'
          ? unitFixed + r(P) + w(P) + C / (R * N)
          : unitFixed + r(P / N) + w(P / N) + C / (N * N);
      const reduceMs = mode === 'data' ? one.reduceMs + (N - 1) * r(P) : one.reduceMs + r(P) / N;
      const stepMs = unitMs + reduceMs + residual;
      const runMs = one.setupMs + one.coldStartMs + one.epochs * steps * stepMs;
      const executions = one.epochs * steps * (N + 1);
      const gbS = (one.epochs * steps * (N * unitMs + reduceMs) * memGb) / 1000;
      out.push({
        mode,
        workers: N,
        stepsPerEpoch: steps,
        epochs: one.epochs,
        predictedRunMs: runMs,
        computeScale,
        predictedSpeedupVsSingle: singleMs / runMs,
        unitMs,
        reduceMs,
        computeShare: (N * (mode === 'data' ? C / (R * N) : C / (N * N))) / (N * unitMs + reduceMs),
        executions,
        gbSeconds: gbS,
        costUsd: gbS * PRICE_GB_S + executions * PRICE_EXECUTION,
        singleProcessCostUsd: (singleMs / 1000) * memGb * PRICE_GB_S + PRICE_EXECUTION,
        inputs: {
          computeMsPerEpoch: C,
          residualMsPerStep: residual,
          unitFixedMs: unitFixed,
          blobReadMs: read,
          blobWriteMs: write,
          coldStartMs: one.coldStartMs,
          memGbBilled: memGb,
          modelBytes: P,
        },
      });
    }
  }
  return out;
}

// As a script: tsx bench/distributed-model.ts <measured.json> [--compute-scale=1,100]
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const { readFileSync } = await import('node:fs');
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: tsx bench/distributed-model.ts <measured.json> [--compute-scale=1,100]');
  const scales = (process.argv.find((a) => a.startsWith('--compute-scale='))?.slice(16) ?? '1,100')
    .split(',')
    .map(Number);
  const measured = JSON.parse(readFileSync(file, 'utf8')) as Measured[];
  for (const scale of scales)
    for (const line of predictScaling(measured, scale))
      console.log(JSON.stringify({ bench: 'distributed-scaling-model', ...line }));
}
