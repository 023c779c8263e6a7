import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { DependencyError } from '../errors/index.ts';
import { SUITE_METRICS } from '../telemetry/suite-metrics.ts';
import { azuriteConnectionString } from '../testing/azurite.ts';
import { captureMetrics, type MetricsCapture } from '../testing/metrics-capture.ts';
import { createBlobModelStore } from './blob-model-store.ts';
import { createFsModelStore } from './fs-model-store.ts';
import { listLoadedModels } from './loaded-models.ts';
import { createModelCache } from './model-cache.ts';
import { blobBackend, bytes, fsBackend, s3Backend } from './test-fixtures/store-backends.ts';
import { text } from './test-fixtures/model-cache-helpers.ts';
import type { ModelManifest, ModelStore } from './types.ts';

const MISSING = '20991231T235959999Z-abcdef';
// What a hand edit, a truncated upload or a foreign writer can leave in `latest`, and what health then names as latest.
const POINTERS: Array<{ what: string; write: (m: ModelManifest) => string; latest: string }> = [
  { what: 'not JSON', write: () => '{"name":"m","vers', latest: 'unreadable' },
  { what: 'JSON that is no manifest', write: () => '[1,2,3]', latest: 'unreadable' },
  {
    what: "another model's manifest",
    write: (m) => JSON.stringify({ ...m, name: 'n' }),
    latest: 'unreadable',
  },
  {
    what: 'a version that is no version id',
    write: (m) => JSON.stringify({ ...m, version: '../n' }),
    latest: 'unreadable',
  },
  {
    what: 'a version that is not stored',
    write: (m) => JSON.stringify({ ...m, version: MISSING }),
    latest: MISSING,
  },
];

// A malformed `latest` pointer is handled like a latest artifact that does not decode: the newest version that loads
// is served, listed by health as a fallback and counted once. Filesystem, Azurite (real SDK) and s3rver.
describe.each([fsBackend, blobBackend, s3Backend])('a malformed latest pointer ($kind)', (backend) => {
  let store: ModelStore;
  let capture: MetricsCapture;
  let errors: MockInstance<typeof console.error>;
  let clock = 0;
  let label = '';
  let tests = 0;
  const now = (): number => clock;
  const decode = (data: Uint8Array): string => text(data);
  const listed = () => listLoadedModels().filter((m) => m.cache === label);
  const fallbacks = () => capture.points(SUITE_METRICS.modelFallbacks);

  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    store = await backend.create();
    capture = captureMetrics();
    clock = 1_000_000;
    label = `pointer-${backend.kind}-${++tests}`;
    errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(async () => {
    errors.mockRestore();
    await capture.stop();
  });

  it.each(POINTERS)(
    'a fresh cache serves the newest version when latest holds $what',
    async ({ write, latest }) => {
      await store.publish('m', bytes('one'));
      const two = await store.publish('m', bytes('two'));
      await backend.overwritePointer('m', write(two));
      const cache = createModelCache({ store, decode, refreshIntervalMs: 1000, now, label });
      expect(await cache.get('m')).toMatchObject({ model: 'two', version: two.version });
      expect(listed()).toEqual([
        expect.objectContaining({ version: two.version, fallback: expect.objectContaining({ latest }) }),
      ]);
      expect(String(errors.mock.calls[0]?.[0])).toContain(`serving ${two.version}`);
      expect(await fallbacks()).toEqual([
        { attributes: { model: 'm', version: two.version, latest, cache: label }, value: 1 },
      ]);
      // A refresh reads the pointer again but reports it no more.
      clock += 1000;
      expect((await cache.refresh('m')).model).toBe('two');
      expect(errors).toHaveBeenCalledTimes(1);
      expect(await fallbacks()).toHaveLength(1);
    },
  );

  it('a warm cache keeps serving its model when the pointer breaks, and reports it once', async () => {
    const one = await store.publish('m', bytes('one'));
    const cache = createModelCache({ store, decode, refreshIntervalMs: 1000, now, label });
    await cache.get('m');
    await backend.overwritePointer('m', 'garbage');
    clock += 1000;
    await expect(cache.refresh('m')).rejects.toThrow('The latest pointer of model m is not a manifest');
    for (let i = 0; i < 2; i++) {
      clock += 1000;
      expect((await cache.refresh('m')).version).toBe(one.version);
    }
    expect(listed()[0]?.fallback).toMatchObject({ latest: 'unreadable' });
    expect(await fallbacks()).toHaveLength(1);
    // Repaired by hand to point at the version served: no fallback any more.
    await backend.overwritePointer('m', JSON.stringify(one));
    clock += 1000;
    await cache.refresh('m');
    expect(listed()[0]).not.toHaveProperty('fallback');
  });
});

// Failing to read the pointer says nothing about it: no fallback, the error as it is (a 503 for an outage), and the
// next get reads latest again.
describe('a pointer that cannot be read is no fallback', () => {
  let capture: MetricsCapture;
  beforeAll(() => Promise.all([blobBackend.setup(), fsBackend.setup()]));
  afterAll(() => Promise.all([blobBackend.teardown(), fsBackend.teardown()]));
  beforeEach(() => {
    capture = captureMetrics();
  });
  afterEach(() => capture.stop());

  it('unreachable Blob storage is a DependencyError (503), and the next get loads latest', async () => {
    const store = await blobBackend.create();
    const one = await store.publish('m', bytes('one'));
    // Port 9 (discard) has no listener: every request is refused, through the real SDK.
    const unreachable = createBlobModelStore({
      account: azuriteConnectionString(9),
      container: 'models',
      retry: { maxTries: 1 },
    });
    let down = true;
    const cache = createModelCache({
      store: () => (down ? unreachable : store),
      decode: text,
      label: 'pointer-outage',
      refreshIntervalMs: 60_000,
    });
    const error = await cache.get('m').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DependencyError);
    expect((error as DependencyError).status).toBe(503);
    expect(cache.peek('m')).toBeUndefined();
    down = false;
    expect(await cache.get('m')).toMatchObject({ version: one.version, model: 'one' });
    expect(listLoadedModels().find((m) => m.cache === 'pointer-outage')).not.toHaveProperty('fallback');
    expect(await capture.points(SUITE_METRICS.modelFallbacks)).toEqual([]);
  });

  it('a pointer file the filesystem cannot read is that file error, and the next get loads latest', async () => {
    const root = await mkdtemp(join(tmpdir(), 'pointer-read-'));
    try {
      const store = createFsModelStore(root);
      const one = await store.publish('m', bytes('one'));
      const dir = join(root, 'm', 'pointer');
      const [generation = ''] = await readdir(dir);
      const saved = await readFile(join(dir, generation), 'utf8');
      // In place of the pointer file, a directory: reading it fails with EISDIR, a file system error.
      await rm(join(dir, generation));
      await mkdir(join(dir, generation));
      const cache = createModelCache({ store, decode: text, refreshIntervalMs: 60_000 });
      await expect(cache.get('m')).rejects.toMatchObject({ code: 'EISDIR' });
      await rm(join(dir, generation), { recursive: true });
      await writeFile(join(dir, generation), saved);
      expect(await cache.get('m')).toMatchObject({ version: one.version, model: 'one' });
      expect(await capture.points(SUITE_METRICS.modelFallbacks)).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
