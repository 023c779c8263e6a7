// Versioned per-entity state on Postgres: optimistic concurrency, never a silently lost write; optional expiry.
/**
 * @example
 * import { createStateStore } from '@suite/shared/state';
 * import { getDb } from '@suite/shared/db';
 *
 * const windows = createStateStore<number[]>(getDb(), 'series-window');
 * const current = await windows.get('cpu-1');            // { value, version, ... } or undefined
 * await windows.put('cpu-1', [1, 2, 3], { expectedVersion: current?.version ?? 0 }); // ConflictError when stale
 * await windows.update('cpu-1', (w = []) => [...w, 4].slice(-100));                  // retries lost races
 *
 * @module
 */
export {
  createStateStore,
  type PutOptions,
  type StateEntry,
  type StateStore,
  type UpdateOptions,
} from './state-store.ts';
