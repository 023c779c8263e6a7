// Data-parallel training: users are split into shards (so user parameters are disjoint), each shard runs an
// epoch in its own worker thread from the same merged parameters, then the coordinator merges by averaging
// each parameter's change over the shards that changed it (plain averaging would shrink user updates by 1/S).
import { Worker } from 'node:worker_threads';
import { ValidationError } from '@suite/shared/errors';
import { createRng } from '@suite/shared/ml';
import { createEpochTracker, type EpochRecord } from './epoch-tracker.ts';
import { toShared, shareTrainingSet, type FromShard, type ShardInit } from './shard-protocol.ts';
import type { TrainOptions, TrainOptionsInput } from './train-options.ts';
import { finishTraining, prepareTraining, type TrainInput, type TrainResult } from './train-model.ts';
import type { TrainingSet } from './training-set.ts';

/** Balance shards by rating count: users sorted by activity, dealt greedily to the lightest shard. */
export function createUserShards(set: TrainingSet, shards: number): Int32Array[] {
  const users = Array.from({ length: set.nUsers }, (_, u) => u);
  const count = (u: number) => (set.userExStart[u + 1] as number) - (set.userExStart[u] as number);
  users.sort((a, b) => count(b) - count(a) || a - b);
  const lists: number[][] = Array.from({ length: shards }, () => []);
  const load = new Array<number>(shards).fill(0);
  for (const u of users) {
    let s = 0;
    for (let t = 1; t < shards; t++) if ((load[t] as number) < (load[s] as number)) s = t;
    lists[s]!.push(u);
    load[s]! += count(u);
  }
  return lists.map((l) => Int32Array.from(l.sort((a, b) => a - b)));
}

/** Merge shard results into `global`: per coordinate, the mean change over the shards that moved it. */
export function mergeShardParams(global: Float64Array, locals: Float64Array[]): void {
  for (let p = 0; p < global.length; p++) {
    const g = global[p] as number;
    let sum = 0;
    let n = 0;
    for (const l of locals) {
      const d = (l[p] as number) - g;
      if (d !== 0) {
        sum += d;
        n++;
      }
    }
    if (n > 0) global[p] = g + sum / n;
  }
}

const WORKER_URL = new URL('./shard-worker-entry.mjs', import.meta.url);

function startWorker(init: ShardInit): Worker {
  // The worker is TypeScript source: its .mjs entry registers tsx first (dev host, tests, benchmarks).
  return new Worker(WORKER_URL, { workerData: init });
}

function nextMessage(worker: Worker): Promise<FromShard> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: FromShard) => {
      worker.off('error', onError);
      resolve(m);
    };
    const onError = (e: Error) => {
      worker.off('message', onMessage);
      reject(e);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
  });
}

/** Train with `options.shards` worker threads (falls back to one shard's worth of work per worker). */
export async function trainModelParallel(
  input: TrainInput,
  optionsInput: TrainOptionsInput | TrainOptions = {},
  /** Awaited after each epoch; a throw stops training (the workers are terminated). */
  onEpoch?: (record: EpochRecord, epoch: number) => Promise<void>,
): Promise<TrainResult> {
  const started = performance.now();
  const { options, train, validation, model, set } = prepareTraining(
    input,
    optionsInput as TrainOptionsInput,
  );
  if (options.blend > 1) {
    // A blend trains its seeds one after another in this thread; shards would silently drop it.
    throw new ValidationError('blend needs in-thread training (shards 1)', [
      { path: 'blend', message: 'not supported with shards > 1' },
    ]);
  }
  const shared = shareTrainingSet(set);
  const global = toShared(model.params);
  const shards = createUserShards(set, Math.max(1, options.shards));
  const locals = shards.map(() => toShared(new Float64Array(global.length)));
  const rng = createRng(options.seed + 1);
  const group = toShared(model.layout.group);
  const workers = shards.map((users, s) =>
    startWorker({
      set: shared,
      users,
      global,
      local: locals[s] as Float64Array,
      options,
      size: model.layout.size,
      group,
      seed: rng.nextInt(2 ** 31),
    }),
  );
  const tracker = createEpochTracker(model, validation, options);
  const shardMs: number[] = [];
  try {
    let lrScale = 1;
    for (let epoch = 1; epoch <= options.epochs; epoch++) {
      const replies = workers.map((w) => nextMessage(w));
      workers.forEach((w) => w.postMessage({ type: 'epoch', lrScale }));
      const results = await Promise.all(replies);
      let sse = 0;
      for (const r of results) {
        if (r.type === 'error') throw new Error(`shard failed: ${r.message}`);
        sse += r.sse;
        shardMs.push(r.ms);
      }
      mergeShardParams(global, locals);
      model.params.set(global);
      lrScale *= options.lrDecay;
      const go = tracker.record(epoch, sse, set.exItem.length);
      await onEpoch?.(tracker.history.at(-1) as EpochRecord, epoch);
      if (!go) break;
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const bestEpoch = tracker.finish();
  return finishTraining(model, options, tracker.history, bestEpoch, started, train, validation, {
    shards: shards.length,
  });
}
