import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DependencyError } from '../errors/index.ts';
import { azuriteConnectionString } from '../testing/azurite.ts';
import { createBlobModelStore } from './blob-model-store.ts';
import { listLoadedModels } from './loaded-models.ts';
import { createModelCache } from './model-cache.ts';
import { readRetryDelayMs } from './model-fallback.ts';
import { blobBackend, bytes } from './test-fixtures/store-backends.ts';
import type { ModelManifest, ModelStore } from './types.ts';

// A read error (storage unreachable, a file the decode needs missing) says nothing about the artifact: the cache
// retries it, while a version that does not decode is remembered (model-fallback.test.ts). Real Azurite throughout.
describe('model cache on read errors', () => {
  let store: ModelStore;
  let sidecars = '';
  let clock = 0;
  const now = (): number => clock;
  // Port 9 (discard) has no listener: every request of this store is refused, through the real SDK.
  const unreachable = createBlobModelStore({
    account: azuriteConnectionString(9),
    container: 'models',
    retry: { maxTries: 1 },
  });
  // Like a decoder whose model needs a vocabulary file beside it: a version names it in its metadata.
  const decode = async (data: Uint8Array, manifest: ModelManifest): Promise<string> => {
    const vocab = manifest.metadata['vocab'];
    const suffix = typeof vocab === 'string' ? `+${await readFile(join(sidecars, vocab), 'utf8')}` : '';
    return new TextDecoder().decode(data) + suffix;
  };

  beforeAll(() => blobBackend.setup());
  afterAll(() => blobBackend.teardown());
  beforeEach(async () => {
    store = await blobBackend.create();
    sidecars = await mkdtemp(join(tmpdir(), 'sidecar-'));
    clock = 1_000_000;
  });
  afterEach(() => rm(sidecars, { recursive: true, force: true }));

  it('a cold load whose decode cannot read its file fails, is not a fallback, and the next get retries latest', async () => {
    await store.publish('m', bytes('one'));
    const two = await store.publish('m', bytes('two'), { metadata: { vocab: 'vocab-2.txt' } });
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now, label: 'read-cold' });
    const error = await cache.get('m').catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe('ENOENT');
    expect(cache.peek('m')).toBeUndefined();
    await writeFile(join(sidecars, 'vocab-2.txt'), 'words');
    expect(await cache.get('m')).toMatchObject({ version: two.version, model: 'two+words' });
    expect(listLoadedModels().find((m) => m.cache === 'read-cold')?.fallback).toBeUndefined();
  });

  it('a refresh whose decode cannot read its file is retried by the next get after a backoff, not remembered', async () => {
    await store.publish('m', bytes('one'));
    const onRefreshError = vi.fn();
    const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now, onRefreshError });
    await cache.get('m');
    const two = await store.publish('m', bytes('two'), { metadata: { vocab: 'vocab-2.txt' } });
    clock += 60_000;
    await expect(cache.refresh('m')).rejects.toMatchObject({ code: 'ENOENT' });
    await writeFile(join(sidecars, 'vocab-2.txt'), 'words');
    const latest = vi.spyOn(store, 'latest');
    clock += readRetryDelayMs(1, 60_000) - 1;
    expect((await cache.get('m')).model).toBe('one');
    expect(latest).not.toHaveBeenCalled();
    clock += 1;
    expect((await cache.get('m')).model).toBe('one'); // the retry runs in the background
    await vi.waitFor(() =>
      expect(cache.peek('m')).toMatchObject({ version: two.version, model: 'two+words' }),
    );
    expect(onRefreshError).not.toHaveBeenCalled();
  });

  it('backs off 1 s, 2 s, 4 s ... up to 30 s (or the refresh interval) while storage stays unreachable', async () => {
    expect([1, 2, 3, 4, 5, 6, 7, 40].map((n) => readRetryDelayMs(n, 60_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect([1, 2, 3, 4].map((n) => readRetryDelayMs(n, 5_000))).toEqual([1_000, 2_000, 4_000, 5_000]);

    await store.publish('m', bytes('one'));
    let down = false;
    let reads = 0;
    const current = (): ModelStore => {
      reads += 1;
      return down ? unreachable : store;
    };
    const onRefreshError = vi.fn();
    const cache = createModelCache({
      store: current,
      decode,
      refreshIntervalMs: 60_000,
      now,
      onRefreshError,
    });
    await cache.get('m');
    const two = await store.publish('m', bytes('two'));
    down = true;
    clock += 60_000;
    for (const [failures, wait] of [
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
      [4, 8_000],
      [5, 16_000],
      [6, 30_000],
      [7, 30_000],
    ] as const) {
      await cache.get('m');
      await vi.waitFor(() => expect(onRefreshError).toHaveBeenCalledTimes(failures));
      expect(onRefreshError.mock.lastCall?.[0]).toBeInstanceOf(DependencyError);
      const before = reads;
      clock += wait - 1;
      expect((await cache.get('m')).model).toBe('one');
      expect(reads).toBe(before); // not due yet: no storage call
      clock += 1;
    }
    down = false;
    await cache.get('m');
    await vi.waitFor(() => expect(cache.peek('m')?.version).toBe(two.version));
    // Back to the ordinary interval once a refresh went through.
    const before = reads;
    clock += 30_000;
    await cache.get('m');
    expect(reads).toBe(before);
  });
});
