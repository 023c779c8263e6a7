import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SUITE_METRICS } from '../telemetry/suite-metrics.ts';
import { captureMetrics, type MetricsCapture } from '../testing/metrics-capture.ts';
import { listLoadedModels } from './loaded-models.ts';
import { createModelCache } from './model-cache.ts';
import { blobBackend, bytes } from './test-fixtures/store-backends.ts';
import type { ModelStore } from './types.ts';

// A model served from a fallback version shows in what health lists and in the suite.model.fallbacks counter.
describe('reporting a model served from a fallback version (Azurite)', () => {
  let store: ModelStore;
  let capture: MetricsCapture;
  let clock = 0;
  const now = (): number => clock;
  const decode = (data: Uint8Array): string => {
    const value = new TextDecoder().decode(data);
    if (value.startsWith('bad')) throw new Error('bad magic number');
    return value;
  };
  const listed = (cache: string) => listLoadedModels().filter((m) => m.cache === cache);

  beforeAll(() => blobBackend.setup());
  afterAll(() => blobBackend.teardown());
  beforeEach(async () => {
    store = await blobBackend.create();
    capture = captureMetrics();
    clock = 1_000_000;
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await capture.stop();
  });

  it('a cold fallback is listed with the broken latest and counted once; both clear when latest decodes again', async () => {
    const good = await store.publish('m', bytes('one'));
    const broken = await store.publish('m', bytes('bad-two'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 1000, now, label: 'report-cold' });
    await cache.get('m');
    await cache.get('m');
    const [entry] = listed('report-cold');
    expect(entry).toMatchObject({
      version: good.version,
      fallback: { latest: broken.version, reason: 'bad magic number' },
    });
    expect(Number.isNaN(Date.parse(entry?.fallback?.since ?? ''))).toBe(false);
    expect(await capture.points(SUITE_METRICS.modelFallbacks)).toEqual([
      {
        attributes: { model: 'm', version: good.version, latest: broken.version, cache: 'report-cold' },
        value: 1,
      },
    ]);

    const three = await store.publish('m', bytes('three'));
    clock += 1000;
    await cache.refresh('m');
    expect(listed('report-cold')).toEqual([expect.objectContaining({ version: three.version })]);
    expect(listed('report-cold')[0]).not.toHaveProperty('fallback');
  });

  it('a refresh that meets a broken latest marks the model it keeps serving as a fallback', async () => {
    const good = await store.publish('m', bytes('one'));
    const cache = createModelCache({
      store,
      decode,
      refreshIntervalMs: 1000,
      now,
      label: 'report-refresh',
      onRefreshError: () => {},
    });
    await cache.get('m');
    expect(listed('report-refresh')[0]).not.toHaveProperty('fallback');
    const broken = await store.publish('m', bytes('bad-two'));
    clock += 1000;
    await expect(cache.refresh('m')).rejects.toThrow('bad magic number');
    expect(listed('report-refresh')[0]).toMatchObject({
      version: good.version,
      fallback: { latest: broken.version },
    });
    const [point] = await capture.points(SUITE_METRICS.modelFallbacks);
    expect(point?.attributes).toMatchObject({ version: good.version, latest: broken.version });

    // Rolled back: latest points at the served version again, which is no fallback.
    await store.promote('m', good.version);
    clock += 1000;
    await cache.refresh('m');
    expect(listed('report-refresh')[0]).not.toHaveProperty('fallback');
  });
});
