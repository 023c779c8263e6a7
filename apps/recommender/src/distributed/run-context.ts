// What every step of a distributed run needs: the database (coordination), the storage (data, parameters,
// queues), how to publish the final model, the lease and attempt limits, and a clock tests can move.
import type { Db } from '@suite/shared/db';
import type { FmModel } from '../model/fm-model.ts';
import type { ArrayBundle } from './array-codec.ts';
import type { TrainingStorage } from './training-storage.ts';

export interface RunContext {
  db: Db;
  storage: TrainingStorage;
  /** Publish the trained model (the service's model store); returns its version. */
  publish(model: FmModel, metadata: Record<string, unknown>): Promise<{ version: string; sizeBytes: number }>;
  /** A work unit not done within this time is given to another worker (straggler policy). */
  leaseMs: number;
  /** Deliveries of a unit before it is dropped from its step. */
  maxAttempts: number;
  now(): Date;
}

/** Blob names of a run; everything a step reads was written before the step's messages were sent. */
export const runBlob = {
  /** Everything the run wrote (what retention deletes once it has ended). */
  all: (id: string) => `${id}/`,
  setup: (id: string) => `${id}/setup.bin`,
  set: (id: string) => `${id}/set.bin`,
  partition: (id: string) => `${id}/partition.bin`,
  cell: (id: string, b: number, c: number) => `${id}/grid/${b}-${c}.bin`,
  global: (id: string, epoch: number, step: number) => `${id}/e${epoch}s${step}/global.bin`,
  shard: (id: string, epoch: number, step: number, part: number) =>
    `${id}/e${epoch}s${step}/shard-${part}.bin`,
  shared: (id: string, epoch: number, step: number) => `${id}/e${epoch}s${step}/shared.bin`,
  userOut: (id: string, epoch: number, step: number, b: number) => `${id}/e${epoch}s${step}/user-${b}.bin`,
  itemOut: (id: string, epoch: number, step: number, c: number) => `${id}/e${epoch}s${step}/item-${c}.bin`,
  tracker: (id: string, epoch: number) => `${id}/tracker-e${epoch}.bin`,
};

const immutable = new Map<string, Promise<ArrayBundle>>();
const IMMUTABLE_MAX = 64;

/**
 * Read a blob that never changes once written (setup, training set, grid cells) once per warm instance; a
 * failed read is forgotten so the next call retries.
 */
export function getImmutableBundle(ctx: RunContext, name: string): Promise<ArrayBundle> {
  let p = immutable.get(name);
  if (!p) {
    if (immutable.size >= IMMUTABLE_MAX) immutable.delete(immutable.keys().next().value as string);
    p = ctx.storage.getBundle(name);
    immutable.set(name, p);
    p.catch(() => immutable.delete(name));
  }
  return p;
}

/** Forget cached immutable blobs (tests measuring cold reads). */
export function resetImmutableBundles(): void {
  immutable.clear();
}

/** A seed per (run seed, epoch, step, part): a retried or duplicated unit repeats its result exactly. */
export function unitSeed(seed: number, epoch: number, step: number, part: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const x of [epoch, step, part]) h = Math.imul(h ^ x, 0x85ebca6b) >>> 0;
  return h % 2 ** 31;
}

/** Lease end for a unit sent now. */
export function leaseEnd(ctx: RunContext): Date {
  return new Date(ctx.now().getTime() + ctx.leaseMs);
}
