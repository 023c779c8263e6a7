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
import { ModelIntegrityError, sha256Hex } from './model-naming.ts';
import { blobBackend, bytes, fsBackend, s3Backend } from './test-fixtures/store-backends.ts';
import type { ModelManifest, ModelStore } from './types.ts';

const text = (data: Uint8Array): string => new TextDecoder().decode(data);

// A manifest is the identity of the version stored beside it: one that names another model or another version (a
// folder copied by hand, a manifest pasted from elsewhere) is refused like a malformed one, never served under the
// folder's name. Its checksum matches the bytes here, so only the identity check can catch it. Real Azurite and s3rver.
describe.each([fsBackend, blobBackend, s3Backend])(
  'a manifest that names another version ($kind)',
  (backend) => {
    let store: ModelStore;
    let warnings: MockInstance<typeof console.warn>;
    let errors: MockInstance<typeof console.error>;

    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());
    beforeEach(async () => {
      store = await backend.create();
      warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
      errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    });
    afterEach(() => {
      warnings.mockRestore();
      errors.mockRestore();
    });

    /** Rewrites the manifest of `manifest.version` so that it claims `claim`, its checksum still true. */
    const relabel = (manifest: ModelManifest, claim: Partial<ModelManifest>) =>
      backend.overwriteManifest('m', manifest.version, JSON.stringify({ ...manifest, ...claim }));

    it('load refuses a version whose manifest names another model or version, naming the folder', async () => {
      const one = await store.publish('m', bytes('one'));
      const two = await store.publish('m', bytes('two'));
      const three = await store.publish('m', bytes('three'));
      expect(sha256Hex(bytes('two'))).toBe(two.sha256);
      await relabel(two, { name: 'other' });
      await relabel(three, { version: one.version });
      for (const version of [two.version, three.version]) {
        const error = await store.load('m', version).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ModelIntegrityError);
        expect((error as ModelIntegrityError).details).toMatchObject({ name: 'm', version });
        expect((error as Error).message).toContain('names');
      }
      await expect(store.promote('m', two.version)).rejects.toBeInstanceOf(ModelIntegrityError);
    });

    it('versions() leaves such a version out with a warning, as it does a malformed one', async () => {
      const one = await store.publish('m', bytes('one'));
      const two = await store.publish('m', bytes('two'));
      const three = await store.publish('m', bytes('three'));
      await relabel(two, { version: three.version });
      await relabel(three, { name: 'n' });
      expect((await store.versions('m')).map((m) => m.version)).toEqual([one.version]);
      const warned = warnings.mock.calls.map((call) => call.map(String).join(' ')).join('\n');
      expect(warned).toContain(two.version);
      expect(warned).toContain(three.version);
    });

    it('a cache whose latest holds such a manifest serves the previous version and says so', async () => {
      const one = await store.publish('m', bytes('one'));
      const two = await store.publish('m', bytes('two'));
      await relabel(two, { version: one.version });
      const cache = createModelCache({
        store,
        decode: (data) => text(data),
        refreshIntervalMs: 60_000,
        label: 'manifest-identity',
      });
      expect(await cache.get('m')).toMatchObject({ model: 'one', version: one.version });
      expect(String(errors.mock.calls[0]?.[0])).toContain(two.version);
    });
  },
);
