import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';
import { SUITE_METRICS } from '../telemetry/suite-metrics.ts';
import { captureMetrics, type MetricsCapture } from '../testing/metrics-capture.ts';
import { MIN_REMEMBERED_FAILURES } from './latest-failures.ts';
import { listLoadedModels } from './loaded-models.ts';
import { createModelCache } from './model-cache.ts';
import { blobBackend, bytes, fsBackend } from './test-fixtures/store-backends.ts';
import { text } from './test-fixtures/model-cache-helpers.ts';
import type { ModelStore } from './types.ts';

// A broken `latest` is remembered until `latest` moves, also when its model is dropped from a full cache and loaded
// again: no second decode of it, no second log line, no second count, and health keeps the first record.
describe.each([fsBackend, blobBackend])('a broken latest remembered across eviction ($kind)', (backend) => {
  let store: ModelStore;
  let capture: MetricsCapture;
  let errors: MockInstance<typeof console.error>;
  let label = '';
  let tests = 0;
  const decode = vi.fn((data: Uint8Array): string => {
    if (text(data).startsWith('bad')) throw new Error('bad magic number');
    return text(data);
  });
  const decoded = () => decode.mock.calls.map(([data]) => text(data));
  const listed = () => listLoadedModels().filter((m) => m.cache === label);

  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    store = await backend.create();
    capture = captureMetrics();
    label = `memory-${backend.kind}-${++tests}`; // each test's own cache in what health lists
    decode.mockClear();
    errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(async () => {
    errors.mockRestore();
    await capture.stop();
  });

  it('a model dropped and loaded again goes straight to its fallback, reported once', async () => {
    const good = await store.publish('m', bytes('one'));
    const broken = await store.publish('m', bytes('bad-two'));
    await store.publish('n', bytes('other'));
    const cache = createModelCache({ store, decode, maxEntries: 1, refreshIntervalMs: 60_000, label });
    await cache.get('m');
    const [first] = listed();
    expect(first?.fallback).toMatchObject({ latest: broken.version, reason: 'bad magic number' });
    await cache.get('n');
    expect(cache.peek('m')).toBeUndefined(); // dropped: the cache holds one model

    decode.mockClear();
    expect(await cache.get('m')).toMatchObject({ model: 'one', version: good.version });
    expect(decoded()).toEqual(['one']);
    expect(errors).toHaveBeenCalledTimes(1);
    expect(await capture.points(SUITE_METRICS.modelFallbacks)).toEqual([
      { attributes: { model: 'm', version: good.version, latest: broken.version, cache: label }, value: 1 },
    ]);
    expect(listed()).toEqual([expect.objectContaining({ name: 'm', fallback: first?.fallback })]);
  });

  it('once latest moves, a reload after a drop loads the new latest', async () => {
    await store.publish('m', bytes('one'));
    await store.publish('m', bytes('bad-two'));
    await store.publish('n', bytes('other'));
    const cache = createModelCache({ store, decode, maxEntries: 1, refreshIntervalMs: 60_000, label });
    await cache.get('m');
    await cache.get('n');
    const three = await store.publish('m', bytes('three'));
    expect(await cache.get('m')).toMatchObject({ model: 'three', version: three.version });
    expect(listed()).toEqual([expect.not.objectContaining({ fallback: expect.anything() })]);
  });
});

describe('the failures a cache remembers are bounded', () => {
  beforeAll(() => fsBackend.setup());
  afterAll(() => fsBackend.teardown());

  it(`keeps the ${MIN_REMEMBERED_FAILURES} most recent of a small cache, forgetting older ones`, async () => {
    const store = await fsBackend.create();
    const names = Array.from({ length: MIN_REMEMBERED_FAILURES + 1 }, (_, i) => `m${i}`);
    for (const name of names) {
      await store.publish(name, bytes('good'));
      await store.publish(name, bytes('bad'));
    }
    const decode = vi.fn((data: Uint8Array): string => {
      if (text(data).startsWith('bad')) throw new Error('bad magic number');
      return text(data);
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const cache = createModelCache({ store, decode, maxEntries: 1, refreshIntervalMs: 60_000 });
      for (const name of names) await cache.get(name);
      decode.mockClear();
      await cache.get('m1'); // still remembered, and no longer cached: only the good version is decoded
      expect(decode).toHaveBeenCalledTimes(1);
      decode.mockClear();
      await cache.get('m0'); // forgotten: its latest is decoded again
      expect(decode).toHaveBeenCalledTimes(2);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
