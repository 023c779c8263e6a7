// The imported scikit-learn IsolationForest (apps/inference/models/iforest.onnx) scored by the app's own forest after
// conversion, beside the same file run by onnxruntime-node: conversion time, rows per CPU second in one batch and
// one row per call (how the stream scores), and the largest difference between the two decision values.
// Usage: tsx bench/onnx-iforest.ts [--rows 100000] [--runs 5]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as ort from 'onnxruntime-node';
import { createRng } from '@suite/shared/ml';
import { scoreMatrix, scoreRow } from '../src/forest/index.ts';
import { importIsolationForest } from '../src/onnx/import-isolation-forest.ts';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, runs: { type: 'string', default: '5' } },
});
const rows = Number(args.rows);
const runs = Number(args.runs);
const bytes = new Uint8Array(readFileSync(new URL('../../inference/models/iforest.onnx', import.meta.url)));

/** CPU seconds of `fn`, and its result. */
function cpuTimed<T>(fn: () => T): { seconds: number; value: T } {
  const before = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, value };
}
async function cpuTimedAsync<T>(fn: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const before = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, value };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// Rows like the training data: standard normal, a few far out. Rounded to float32, as both engines see them.
const rng = createRng(7);
const data = new Float32Array(rows * 4);
for (let i = 0; i < data.length; i++) {
  const u = Math.max(rng.next(), 1e-12);
  const g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  data[i] = i % 97 === 0 ? g * 6 : g;
}
const matrix = { data: Float64Array.from(data), rows, cols: 4 };

const convert = Array.from({ length: runs }, () => cpuTimed(() => importIsolationForest(bytes)));
const imported = convert[0]!.value;
const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
const feeds = (n: number, from = 0) => ({
  features: new ort.Tensor('float32', data.subarray(from * 4, (from + n) * 4), [n, 4]),
});

const nativeBatch = Array.from({ length: runs }, () => cpuTimed(() => scoreMatrix(imported.forest, matrix)));
const ortBatch: number[] = [];
let ortScores: Float32Array | undefined;
for (let r = 0; r < runs; r++) {
  const run = await cpuTimedAsync(() => session.run(feeds(rows)));
  ortBatch.push(run.seconds);
  ortScores = run.value['scores']!.data as Float32Array;
}
let maxDiff = 0;
const native = nativeBatch[0]!.value;
for (let i = 0; i < rows; i++)
  maxDiff = Math.max(maxDiff, Math.abs(imported.formula.b - native[i]! - ortScores![i]!));

const single = Math.min(rows, 10_000);
const nativeSingle = Array.from({ length: runs }, () =>
  cpuTimed(() => {
    let sum = 0;
    for (let i = 0; i < single; i++) sum += scoreRow(imported.forest, matrix.data, i * 4);
    return sum;
  }),
);
const ortSingle: number[] = [];
for (let r = 0; r < runs; r++) {
  const run = await cpuTimedAsync(async () => {
    for (let i = 0; i < single; i++) await session.run(feeds(1, i));
  });
  ortSingle.push(run.seconds);
}
const perSecond = (n: number, seconds: number[]) => Math.round(n / median(seconds));
console.log(
  JSON.stringify({
    bench: 'onnx-iforest',
    model: 'apps/inference/models/iforest.onnx (IsolationForest 25 trees, psi 128, 4 features)',
    runs,
    convertCpuMsMedian: Number((median(convert.map((c) => c.seconds)) * 1000).toFixed(2)),
    batch: {
      rows,
      nativeRowsPerCpuSecond: perSecond(
        rows,
        nativeBatch.map((c) => c.seconds),
      ),
      onnxruntimeRowsPerCpuSecond: perSecond(rows, ortBatch),
    },
    oneRowPerCall: {
      rows: single,
      nativeRowsPerCpuSecond: perSecond(
        single,
        nativeSingle.map((c) => c.seconds),
      ),
      onnxruntimeRowsPerCpuSecond: perSecond(single, ortSingle),
    },
    maxAbsDecisionDifference: maxDiff,
    reference: 'onnxruntime-node 1.30.0 on the same file, one intra-op thread (float32 arithmetic)',
  }),
);
