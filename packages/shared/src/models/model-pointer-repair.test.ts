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
import { ConflictError } from '../errors/index.ts';
import { MODEL_VERSION_PATTERN } from './model-naming.ts';
import { tryReadLatest } from './model-versions.ts';
import {
  blobBackend,
  bytes,
  createCommitGate,
  fsBackend,
  s3Backend,
  settle,
} from './test-fixtures/store-backends.ts';
import type { ModelManifest, ModelStore } from './types.ts';

// The pointers `latest()` refuses (ModelPointerError): a publish or promote replaces them rather than failing.
const POINTERS: Array<{ what: string; write: (m: ModelManifest) => string; held: string }> = [
  { what: 'not JSON', write: () => '{"name":"m","vers', held: '{"name":"m","vers' },
  { what: 'JSON that is no manifest', write: () => '[1,2,3]', held: '[1,2,3]' },
  { what: "another model's manifest", write: (m) => JSON.stringify({ ...m, name: 'n' }), held: '"name":"n"' },
  {
    what: 'a version that is no version id',
    write: (m) => JSON.stringify({ ...m, version: '../n' }),
    held: '"version":"../n"',
  },
];

// A retrain repairs a malformed `latest`: the publish moves it by the same compare-and-swap as ever (the next
// filesystem generation, or a write conditional on the damaged object's ETag), and warns naming what it held.
describe.each([fsBackend, blobBackend, s3Backend])(
  'a malformed latest pointer is replaced ($kind)',
  (backend) => {
    let store: ModelStore;
    let gate: ReturnType<typeof createCommitGate>;
    let warnings: MockInstance<typeof console.warn>;
    const warned = () => warnings.mock.calls.map((call) => call.map(String).join(' ')).join('\n');

    beforeAll(() => backend.setup());
    afterAll(() => backend.teardown());
    beforeEach(async () => {
      gate = createCommitGate();
      store = await backend.create({ beforeCommit: gate.beforeCommit });
      warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    });
    afterEach(() => warnings.mockRestore());

    it.each(POINTERS)(
      'a publish replaces latest holding $what, and warns naming it',
      async ({ write, held }) => {
        const one = await store.publish('m', bytes('one'));
        await backend.overwritePointer('m', write(one));
        await expect(store.latest('m')).rejects.toMatchObject({ code: 'model_pointer' });
        const two = await store.publish('m', bytes('two'), { expectedLatest: null });
        expect(await store.latest('m')).toEqual(two);
        expect(new TextDecoder().decode((await store.load('m')).data)).toBe('two');
        expect(warned()).toContain('model m');
        expect(warned()).toContain(held);
        expect((await store.versions('m')).map((m) => m.version)).toEqual([one.version, two.version]);
      },
    );

    it('a publish of the bytes the damaged pointer named still writes a version and repairs it', async () => {
      const one = await store.publish('m', bytes('one'));
      await backend.overwritePointer('m', JSON.stringify({ ...one, name: 'n' }));
      const again = await store.publish('m', bytes('one'));
      expect(again.version).not.toBe(one.version);
      expect(await store.latest('m')).toEqual(again);
    });

    it("tryReadLatest names no base for a malformed pointer, so a trainer's publish on top of it repairs it", async () => {
      const one = await store.publish('m', bytes('one'));
      expect(await tryReadLatest(store, 'm')).toEqual(one);
      await backend.overwritePointer('m', 'garbage');
      const base = await tryReadLatest(store, 'm');
      expect(base).toBeUndefined();
      const two = await store.publish('m', bytes('two'), { expectedLatest: base?.version ?? null });
      expect(await tryReadLatest(store, 'm')).toEqual(two);
    });

    it('a promote replaces a pointer that is not JSON', async () => {
      const one = await store.publish('m', bytes('one'));
      await store.publish('m', bytes('two'));
      await backend.overwritePointer('m', 'garbage');
      expect(await store.promote('m', one.version)).toEqual(one);
      expect(await store.latest('m')).toEqual(one);
      expect(warned()).toContain('garbage');
    });

    it('expects nothing of a pointer that names no version: a stale expectedLatest is a conflict, nothing written', async () => {
      const one = await store.publish('m', bytes('one'));
      await backend.overwritePointer('m', 'garbage');
      const error = await store
        .publish('m', bytes('two'), { expectedLatest: one.version })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).details).toMatchObject({
        expectedLatest: one.version,
        currentLatest: null,
      });
      expect(await store.versions('m')).toHaveLength(1);
    });

    it('lets exactly one of several concurrent publishers replace it; the others learn the winner', async () => {
      const one = await store.publish('m', bytes('one'));
      await backend.overwritePointer('m', 'garbage');
      gate.hold(3); // all three read the damaged pointer and write their version before any moves it
      const { won, conflicts } = await settle([1, 2, 3].map((i) => store.publish('m', bytes(`p${i}`))));
      expect(won).toHaveLength(1);
      expect(conflicts).toHaveLength(2);
      for (const conflict of conflicts) {
        expect(conflict.details?.currentLatest).toBe(won[0]?.version);
        expect(conflict.details?.discardedVersion).toMatch(MODEL_VERSION_PATTERN);
      }
      expect((await store.latest('m'))?.version).toBe(won[0]?.version);
      expect((await store.versions('m')).map((m) => m.version)).toEqual([one.version, won[0]?.version]);
    });
  },
);
