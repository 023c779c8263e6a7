// Messages and shared buffers between the data-parallel trainer and its shard workers.
import type { TrainOptions } from './train-options.ts';
import type { TrainingSet } from './training-set.ts';

/** What each worker receives once: the training set and parameter buffers live in SharedArrayBuffers. */
export interface ShardInit {
  set: TrainingSet;
  /** Users this shard trains on. */
  users: Int32Array;
  /** The merged parameters every shard starts each epoch from (written by the coordinator only). */
  global: Float64Array;
  /** This shard's parameters after its epoch (written by the worker only). */
  local: Float64Array;
  options: TrainOptions;
  size: number;
  group: Uint8Array;
  seed: number;
}

export type ToShard = { type: 'epoch'; lrScale: number } | { type: 'stop' };
export type FromShard = { type: 'done'; sse: number; ms: number } | { type: 'error'; message: string };

/** Copy a typed array into shared memory so workers read it without a copy each. */
export function toShared<T extends Int32Array | Float64Array | Uint8Array>(a: T): T {
  const Ctor = a.constructor as { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };
  const out = new Ctor(new SharedArrayBuffer(a.length * Ctor.BYTES_PER_ELEMENT));
  out.set(a as never);
  return out;
}

/** A training set whose arrays are all shared. */
export function shareTrainingSet(set: TrainingSet): TrainingSet {
  return {
    ...set,
    userExStart: toShared(set.userExStart),
    exItem: toShared(set.exItem),
    exRating: toShared(set.exRating),
    ubStart: toShared(set.ubStart),
    ubIdx: toShared(set.ubIdx),
    ubVal: toShared(set.ubVal),
    ubExplicit: toShared(set.ubExplicit),
    ibStart: toShared(set.ibStart),
    ibIdx: toShared(set.ibIdx),
    ibVal: toShared(set.ibVal),
  };
}
