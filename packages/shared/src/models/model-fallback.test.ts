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
import { createModelCache } from './model-cache.ts';
import { blobBackend, fsBackend } from './test-fixtures/store-backends.ts';
import type { ModelManifest, ModelStore } from './types.ts';

const text = (data: Uint8Array): string => new TextDecoder().decode(data);
const bytes = (value: string): Uint8Array => new TextEncoder().encode(value);

// On the filesystem and on Azure Blob (Azurite, through the real @azure/storage-blob SDK).
describe.each([fsBackend, blobBackend])(
  'model cache fallback to the newest version that decodes ($kind)',
  (backend) => {
    let store: ModelStore;
    let clock = 0;
    const now = (): number => clock;
    // Artifacts starting with "bad" do not decode, as a foreign or truncated artifact would not.
    const decode = vi.fn((data: Uint8Array, _manifest: ModelManifest): string => {
      const value = text(data);
      if (value.startsWith('bad')) throw new Error('bad magic number');
      return value;
    });
    let errors: MockInstance<typeof console.error>;

    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());
    afterEach(() => errors.mockRestore());
    beforeEach(async () => {
      store = await backend.create();
      clock = 1_000_000;
      decode.mockClear();
      errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    });

    it('a cold cache serves the previous good version when latest does not decode, and says so', async () => {
      const good = await store.publish('m', bytes('one'));
      const broken = await store.publish('m', bytes('bad-two'));
      const cache = createModelCache({ store, decode, refreshIntervalMs: 1, now });
      const loaded = await cache.get('m');
      expect(loaded).toMatchObject({ model: 'one', version: good.version });
      expect(cache.peek('m')?.version).toBe(good.version);
      const logged = String(errors.mock.calls[0]?.[0]);
      expect(logged).toContain('m');
      expect(logged).toContain(broken.version);
      expect(logged).toContain(good.version);
    });

    it('skips several broken versions, pinned ones counting as any other', async () => {
      const good = await store.publish('m', bytes('one'));
      const pinnedBroken = await store.publish('m', bytes('bad-two'));
      await store.setPinned('m', pinnedBroken.version, true);
      await store.publish('m', bytes('bad-three'));
      await store.publish('m', bytes('bad-four'));
      const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
      expect(await cache.get('m')).toMatchObject({ model: 'one', version: good.version });
    });

    it('skips a latest whose stored bytes fail their checksum (damaged at rest) like one that does not decode', async () => {
      const good = await store.publish('m', bytes('one'));
      const damaged = await store.publish('m', bytes('two'));
      await backend.corrupt('m', damaged.version);
      const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
      expect(await cache.get('m')).toMatchObject({ model: 'one', version: good.version });
      expect(String(errors.mock.calls[0]?.[0])).toContain(damaged.version);
    });

    it('skips versions whose manifest is malformed, logging them, and serves the newest that loads', async () => {
      const good = await store.publish('m', bytes('one'));
      const notJson = await store.publish('m', bytes('two'));
      const noManifest = await store.publish('m', bytes('three'));
      const latest = await store.publish('m', bytes('bad-four'));
      await backend.overwriteManifest('m', notJson.version, '{"name":"m",');
      await backend.overwriteManifest('m', noManifest.version, '[]');
      const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
        expect(await cache.get('m')).toMatchObject({ model: 'one', version: good.version });
        const warned = warnings.mock.calls.map((call) => call.map(String).join(' ')).join('\n');
        expect(warned).toContain(notJson.version);
        expect(warned).toContain(noManifest.version);
        expect(String(errors.mock.calls[0]?.[0])).toContain(latest.version);
      } finally {
        warnings.mockRestore();
      }
    });

    it('falls back when the manifest of the version latest names is malformed', async () => {
      const good = await store.publish('m', bytes('one'));
      const damaged = await store.publish('m', bytes('two'));
      await backend.overwriteManifest('m', damaged.version, 'garbage');
      const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
      try {
        const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
        expect(await cache.get('m')).toMatchObject({ model: 'one', version: good.version });
        expect(String(errors.mock.calls[0]?.[0])).toContain(damaged.version);
      } finally {
        warnings.mockRestore();
      }
    });

    it('keeps the original error when no version decodes', async () => {
      await store.publish('m', bytes('bad-one'));
      await store.publish('m', bytes('bad-two'));
      const cache = createModelCache({ store, decode, refreshIntervalMs: 60_000, now });
      await expect(cache.get('m')).rejects.toThrow('bad magic number');
      expect(cache.peek('m')).toBeUndefined();
    });

    it('decodes a broken latest once, not per get, and picks up a later good publish', async () => {
      await store.publish('m', bytes('one'));
      const cache = createModelCache({ store, decode, refreshIntervalMs: 10, now, onRefreshError: () => {} });
      await cache.get('m');
      await store.publish('m', bytes('bad-two'));
      clock += 10;
      await expect(cache.refresh('m')).rejects.toThrow('bad magic number');
      const decodes = decode.mock.calls.length;
      for (let i = 0; i < 3; i++) {
        clock += 10;
        expect((await cache.refresh('m')).model).toBe('one');
        expect((await cache.get('m')).model).toBe('one');
      }
      expect(decode.mock.calls.length).toBe(decodes);
      const three = await store.publish('m', bytes('three'));
      clock += 10;
      expect(await cache.refresh('m')).toMatchObject({ model: 'three', version: three.version });
    });

    it('a cold fallback does not decode the broken latest again on refresh', async () => {
      await store.publish('m', bytes('one'));
      await store.publish('m', bytes('bad-two'));
      const cache = createModelCache({ store, decode, refreshIntervalMs: 10, now });
      await cache.get('m');
      expect(decode).toHaveBeenCalledTimes(2);
      clock += 10;
      expect((await cache.refresh('m')).model).toBe('one');
      expect(decode).toHaveBeenCalledTimes(2);
    });
  },
);
