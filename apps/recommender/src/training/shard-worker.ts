// Worker side of data-parallel training: each epoch, start from the merged parameters, run one epoch over
// this shard's users with a shard-local optimiser, and leave the result in the shared `local` buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { createOptimizer, createRng } from '@suite/shared/ml';
import { planEpoch } from './epoch-plan.ts';
import { createEpochScratch, runEpoch } from './fm-epoch.ts';
import type { FromShard, ShardInit, ToShard } from './shard-protocol.ts';

const init = workerData as ShardInit;
const { set, users, global, local, options } = init;
const params = new Float64Array(global.length);
const opt = createOptimizer(
  { kind: options.optimizer, learningRate: options.learningRate, momentum: options.momentum },
  params.length,
);
const rng = createRng(init.seed);
const scratch = createEpochScratch(options.k);
const hyper = {
  k: options.k,
  size: init.size,
  group: init.group,
  regW: Float64Array.from(options.regW),
  regV: Float64Array.from(options.regV),
  lrScale: 1,
};

parentPort?.on('message', (msg: ToShard) => {
  if (msg.type === 'stop') {
    parentPort?.close();
    return;
  }
  try {
    const started = performance.now();
    params.set(global);
    const plan = planEpoch(set, users, options.chunk, options.maxChunks, rng);
    const sse = runEpoch(set, params, opt, plan, { ...hyper, lrScale: msg.lrScale }, scratch);
    local.set(params);
    parentPort?.postMessage({ type: 'done', sse, ms: performance.now() - started } satisfies FromShard);
  } catch (error) {
    parentPort?.postMessage({
      type: 'error',
      message: error instanceof Error ? error.message : String(error),
    } satisfies FromShard);
  }
});
