import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../errors/index.ts';
import { createFsModelStore } from './fs-model-store.ts';
import { listLoadedModels } from './loaded-models.ts';
import { createModelCache } from './model-cache.ts';
import type { ModelManifest, ModelStore } from './types.ts';
import { bytes, deferred, text } from './test-fixtures/model-cache-helpers.ts';

describe('createModelCache', () => {
  let root = '';
  let store: ModelStore;
  let clock = 0;
  const now = (): number => clock;
  // A real store; the decode spy counts loads.
  const decode = vi.fn((data: Uint8Array, _manifest: ModelManifest): string | Promise<string> => text(data));

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'model-cache-'));
    store = createFsModelStore(root);
    clock = 1_000_000;
    decode.mockReset();
    decode.mockImplementation((data) => text(data));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('loads a model once per warm instance and records how long it took', async () => {
    const v1 = await store.publish('m', bytes('one'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
    const first = await cache.get('m');
    const second = await cache.get('m');
    expect(first).toBe(second);
    expect(first).toMatchObject({ name: 'm', version: v1.version, model: 'one' });
    expect(first.loadMs).toBeGreaterThanOrEqual(0);
    expect(first.loadedAt).toBeInstanceOf(Date);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('shares one in-flight load between concurrent callers', async () => {
    await store.publish('m', bytes('one'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => cache.get('m')));
    expect(new Set(results).size).toBe(1);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('forgets a failed load, so every waiting caller sees the error once and the next get retries', async () => {
    await store.publish('m', bytes('one'));
    decode.mockImplementationOnce(() => Promise.reject(new Error('bad bytes')));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
    const failures = await Promise.allSettled([cache.get('m'), cache.get('m')]);
    expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(decode).toHaveBeenCalledTimes(1);
    expect(cache.peek('m')).toBeUndefined();
    expect((await cache.get('m')).model).toBe('one');
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it('answers NotFoundError for an unpublished model, and loads it once it is published', async () => {
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
    await expect(cache.get('later')).rejects.toBeInstanceOf(NotFoundError);
    await store.publish('later', bytes('here now'));
    expect((await cache.get('later')).model).toBe('here now');
  });

  it('keeps at most maxEntries models, dropping the least recently used', async () => {
    for (const name of ['a', 'b', 'c']) await store.publish(name, bytes(name));
    const cache = createModelCache({ store, decode, maxEntries: 2, refreshIntervalMs: 60_000, now });
    await cache.get('a');
    await cache.get('b');
    await cache.get('a'); // a is now more recent than b
    await cache.get('c');
    expect(cache.peek('a')?.model).toBe('a');
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('c')?.model).toBe('c');
    await cache.get('b');
    expect(decode).toHaveBeenCalledTimes(4);
  });

  it('serves a model a trainer installed with set() without loading, and a later refresh does not undo it', async () => {
    const published = await store.publish('m', bytes('trained'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 1000, now });
    cache.set('m', {
      name: 'm',
      version: published.version,
      model: 'in memory',
      loadMs: 0,
      loadedAt: new Date(),
    });
    expect((await cache.get('m')).model).toBe('in memory');
    clock += 1000;
    expect((await cache.refresh('m')).model).toBe('in memory');
    expect(decode).not.toHaveBeenCalled();
  });

  it('answers callers waiting on a load that fails with the model a trainer set() meanwhile', async () => {
    const published = await store.publish('m', bytes('one'));
    const gate = deferred();
    decode.mockImplementationOnce(async () => {
      await gate.promise;
      throw new Error('decode broke');
    });
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
    const waiting = cache.get('m');
    await vi.waitFor(() => expect(decode).toHaveBeenCalledTimes(1));
    cache.set('m', {
      name: 'm',
      version: published.version,
      model: 'trained',
      loadMs: 0,
      loadedAt: new Date(),
    });
    gate.resolve();
    expect((await waiting).model).toBe('trained');
  });

  it('reloads after invalidate, and does not keep a load that was in flight when invalidated', async () => {
    await store.publish('m', bytes('one'));
    await store.publish('n', bytes('two'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
    const inFlight = cache.get('m');
    cache.invalidate('m');
    expect((await inFlight).model).toBe('one');
    expect(cache.peek('m')).toBeUndefined();
    await cache.get('m');
    await cache.get('n');
    cache.invalidate();
    expect([cache.peek('m'), cache.peek('n')]).toEqual([undefined, undefined]);
    await cache.get('m');
    expect(decode).toHaveBeenCalledTimes(4);
  });

  it('lists every loaded model of every cache for health reports', async () => {
    const v1 = await store.publish('listed', bytes('one'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now, label: 'health-probe' });
    expect(listLoadedModels().filter((m) => m.cache === 'health-probe')).toEqual([]);
    const loaded = await cache.get('listed');
    expect(listLoadedModels().filter((m) => m.cache === 'health-probe')).toEqual([
      {
        cache: 'health-probe',
        name: 'listed',
        version: v1.version,
        loadMs: loaded.loadMs,
        loadedAt: loaded.loadedAt.toISOString(),
      },
    ]);
    cache.invalidate('listed');
    expect(listLoadedModels().filter((m) => m.cache === 'health-probe')).toEqual([]);
  });

  it('reads the store lazily when given a function, so a reset store is picked up', async () => {
    let current = store;
    const cache = createModelCache({ store: () => current, decode, refreshIntervalMs: 60_000, now });
    const other = createFsModelStore(join(root, 'other'));
    await other.publish('m', bytes('from other'));
    current = other;
    expect((await cache.get('m')).model).toBe('from other');
  });
});
