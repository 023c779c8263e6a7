// The model cache's refresh: when it looks for a new version, and what it serves meanwhile and on failure.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFsModelStore } from './fs-model-store.ts';
import { createModelCache } from './model-cache.ts';
import type { ModelManifest, ModelStore } from './types.ts';
import { bytes, deferred, text } from './test-fixtures/model-cache-helpers.ts';

describe('createModelCache refresh', () => {
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

  it('does not look for a new version before refreshIntervalMs has passed', async () => {
    await store.publish('m', bytes('one'));
    const latest = vi.spyOn(store, 'latest');
    const cache = createModelCache({ store, decode, refreshIntervalMs: 1000, now });
    await cache.get('m');
    await store.publish('m', bytes('two'));
    latest.mockClear();
    clock += 999;
    expect((await cache.get('m')).model).toBe('one');
    expect(latest).not.toHaveBeenCalled();
  });

  it('picks up a newly published version after the interval, serving the old model until the new one is loaded', async () => {
    await store.publish('m', bytes('one'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 1000, now });
    await cache.get('m');
    const v2 = await store.publish('m', bytes('two'));
    const gate = deferred();
    decode.mockImplementationOnce(async (data) => {
      await gate.promise;
      return text(data);
    });
    const latest = vi.spyOn(store, 'latest');
    clock += 1000;
    // The refresh has started but its decode is held: every caller still gets the old model, and shares it.
    expect((await cache.get('m')).model).toBe('one');
    await vi.waitFor(() => expect(decode).toHaveBeenCalledTimes(2));
    expect((await Promise.all([cache.get('m'), cache.get('m')])).map((l) => l.model)).toEqual(['one', 'one']);
    expect(latest).toHaveBeenCalledTimes(1);
    gate.resolve();
    await vi.waitFor(() => expect(cache.peek('m')?.version).toBe(v2.version));
    expect((await cache.get('m')).model).toBe('two');
    expect(decode).toHaveBeenCalledTimes(2);
  });

  it('does not reload when the interval passes but latest is unchanged', async () => {
    await store.publish('m', bytes('one'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 1000, now });
    const first = await cache.get('m');
    clock += 5000;
    await cache.get('m');
    expect(await cache.refresh('m')).toBe(first);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it('keeps serving the loaded model when a refresh fails, reports it, and takes the next publish', async () => {
    await store.publish('m', bytes('one'));
    const onRefreshError = vi.fn();
    const cache = createModelCache({ store, decode, refreshIntervalMs: 1000, now, onRefreshError });
    await cache.get('m');
    await store.publish('m', bytes('two'));
    decode.mockImplementationOnce(() => Promise.reject(new Error('decode broke')));
    clock += 1000;
    expect((await cache.get('m')).model).toBe('one');
    await vi.waitFor(() => expect(onRefreshError).toHaveBeenCalledTimes(1));
    expect((await cache.get('m')).model).toBe('one'); // not yet due again
    // The version that did not decode is not decoded again until `latest` moves (model-fallback.test.ts).
    await store.publish('m', bytes('three'));
    clock += 1000;
    await cache.get('m');
    await vi.waitFor(() => expect(cache.peek('m')?.model).toBe('three'));
  });

  it('retries a refresh that failed before its first await (a store getter that throws)', async () => {
    await store.publish('m', bytes('one'));
    let failNext = false;
    const storeOf = (): ModelStore => {
      if (failNext) {
        failNext = false;
        throw new Error('store not configured');
      }
      return store;
    };
    const cache = createModelCache({ store: storeOf, decode, refreshIntervalMs: 1000, now });
    await cache.get('m');
    const v2 = await store.publish('m', bytes('two'));
    failNext = true;
    clock += 1000;
    await expect(cache.refresh('m')).rejects.toThrow('store not configured');
    clock += 1000;
    expect((await cache.refresh('m')).version).toBe(v2.version);
  });
});
