import { describe, afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../errors/index.ts';
import { MODEL_VERSION_PATTERN, ModelIntegrityError, sha256Hex } from './model-naming.ts';
import {
  blobBackend,
  bytes,
  createCommitGate,
  fsBackend,
  s3Backend,
  settle,
} from './test-fixtures/store-backends.ts';
import type { ModelStore } from './types.ts';

describe.each([fsBackend, blobBackend, s3Backend])('ModelStore contract ($kind backend)', (backend) => {
  let store: ModelStore;
  let gate: ReturnType<typeof createCommitGate>;
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  beforeEach(async () => {
    gate = createCommitGate();
    store = await backend.create({ beforeCommit: gate.beforeCommit });
  });

  it('publishes a version whose manifest records sha256, size, time and metadata, and loads it back', async () => {
    const data = bytes('weights v1');
    const manifest = await store.publish('recommender-fm', data, { metadata: { rmse: 0.91 } });
    expect(store.kind).toBe(backend.kind);
    expect(manifest).toMatchObject({
      name: 'recommender-fm',
      sizeBytes: data.byteLength,
      sha256: sha256Hex(data),
    });
    expect(manifest.version).toMatch(MODEL_VERSION_PATTERN);
    expect(manifest.metadata).toEqual({ rmse: 0.91 });
    expect(Number.isNaN(Date.parse(manifest.createdAt))).toBe(false);
    expect(await store.latest('recommender-fm')).toEqual(manifest);
    const loaded = await store.load('recommender-fm');
    expect(loaded.manifest).toEqual(manifest);
    expect(new TextDecoder().decode(loaded.data)).toBe('weights v1');
  });

  it('moves latest on each publish while older versions stay loadable, listed oldest first', async () => {
    const v1 = await store.publish('m', bytes('one'));
    const v2 = await store.publish('m', bytes('two'));
    expect((await store.latest('m'))?.version).toBe(v2.version);
    expect(v2.version > v1.version).toBe(true);
    expect((await store.versions('m')).map((m) => m.version)).toEqual([v1.version, v2.version]);
    expect(new TextDecoder().decode((await store.load('m', v1.version)).data)).toBe('one');
    expect(new TextDecoder().decode((await store.load('m')).data)).toBe('two');
  });

  it('refuses a publish whose expectedLatest is stale, naming the current latest, without writing a version', async () => {
    const v1 = await store.publish('m', bytes('one'));
    const v2 = await store.publish('m', bytes('two'), { expectedLatest: v1.version });
    const error = await store
      .publish('m', bytes('three'), { expectedLatest: v1.version })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toMatchObject({
      expectedLatest: v1.version,
      currentLatest: v2.version,
    });
    await expect(store.publish('m', bytes('x'), { expectedLatest: null })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await store.versions('m')).toHaveLength(2);
  });

  it('lets exactly one of several concurrent first publishers win; the others learn the winner', async () => {
    gate.hold(4); // all four read an empty `latest` and write their version before any moves the pointer
    const { won, conflicts } = await settle([1, 2, 3, 4].map((i) => store.publish('race', bytes(`p${i}`))));
    expect(gate.arrived()).toBe(4);
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(3);
    for (const conflict of conflicts) {
      expect(conflict.details?.currentLatest).toBe(won[0]?.version);
      // Lost at the compare-and-swap, not at the early expectedLatest check: each deleted the version it wrote.
      expect(conflict.details?.discardedVersion).toMatch(MODEL_VERSION_PATTERN);
    }
    expect((await store.latest('race'))?.version).toBe(won[0]?.version);
    expect((await store.versions('race')).map((m) => m.version)).toEqual([won[0]?.version]);
  });

  it('lets exactly one of several concurrent publishers on top of the same latest win; losers leave no version behind', async () => {
    const base = await store.publish('race', bytes('base'));
    gate.hold(3);
    const { won, conflicts } = await settle(
      [1, 2, 3].map((i) => store.publish('race', bytes(`p${i}`), { expectedLatest: base.version })),
    );
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(3 - 1);
    expect((await store.latest('race'))?.version).toBe(won[0]?.version);
    const discarded = conflicts.map((c) => c.details?.discardedVersion as string);
    expect(discarded.every((v) => MODEL_VERSION_PATTERN.test(v))).toBe(true);
    const stored = (await store.versions('race')).map((m) => m.version);
    for (const version of discarded) expect(stored).not.toContain(version);
    expect(stored).toEqual([base.version, won[0]?.version]);
    for (const version of discarded) await expect(store.load('race', version)).rejects.toThrow(NotFoundError);
  });

  it('answers undefined or NotFoundError for models and versions that do not exist', async () => {
    expect(await store.latest('nothing')).toBeUndefined();
    await expect(store.load('nothing')).rejects.toBeInstanceOf(NotFoundError);
    await store.publish('m', bytes('one'));
    await expect(store.load('m', '20200101T000000000Z-abcdef')).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.versions('nothing')).toEqual([]);
  });

  it('rejects names and versions that could escape their folder', async () => {
    for (const name of ['../etc', 'a/b', 'Upper', '', '.hidden', 'x'.repeat(65)]) {
      await expect(store.publish(name, bytes('x'))).rejects.toBeInstanceOf(ValidationError);
      await expect(store.latest(name)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(store.load('m', '../../secrets')).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses to load an artifact whose bytes no longer match the manifest checksum', async () => {
    const manifest = await store.publish('m', bytes('genuine weights'));
    await backend.corrupt('m', manifest.version);
    await expect(store.load('m')).rejects.toBeInstanceOf(ModelIntegrityError);
  });

  it('lists the names that hold versions, sorted', async () => {
    expect(await store.list()).toEqual([]);
    await store.publish('zeta', bytes('z'));
    await store.publish('alpha', bytes('a'));
    expect(await store.list()).toEqual(['alpha', 'zeta']);
  });

  it('publishes byte-identical data as a no-op that returns the latest manifest', async () => {
    const v1 = await store.publish('m', bytes('same'), { metadata: { run: 1 } });
    const again = await store.publish('m', bytes('same'), { metadata: { run: 2 } });
    expect(again).toEqual(v1);
    expect(await store.versions('m')).toHaveLength(1);
    // Only the latest counts: the bytes of an older version publish as a new version.
    await store.publish('m', bytes('other'));
    expect((await store.publish('m', bytes('same'))).version).not.toBe(v1.version);
    expect(await store.versions('m')).toHaveLength(3);
  });

  it('publishes the same bytes with other metadata as a new version when asked to compare metadata too', async () => {
    // The inference app's publisher re-sends a model with labels added: answering the old version would drop them.
    const identical = 'same-bytes-and-metadata' as const;
    const v1 = await store.publish('m', bytes('same'), { metadata: { labels: ['a'] }, identical });
    expect(await store.publish('m', bytes('same'), { metadata: { labels: ['a'] }, identical })).toEqual(v1);
    const v2 = await store.publish('m', bytes('same'), { metadata: { labels: ['a', 'b'] }, identical });
    expect(v2.version).not.toBe(v1.version);
    expect(v2.metadata).toEqual({ labels: ['a', 'b'] });
    expect((await store.latest('m'))?.metadata).toEqual({ labels: ['a', 'b'] });
    expect(await store.versions('m')).toHaveLength(2);
  });

  it('promotes an older version to latest by compare-and-swap (a rollback), refusing a stale one', async () => {
    const v1 = await store.publish('m', bytes('one'));
    const v2 = await store.publish('m', bytes('two'));
    expect((await store.promote('m', v1.version)).version).toBe(v1.version);
    expect((await store.latest('m'))?.version).toBe(v1.version);
    expect(new TextDecoder().decode((await store.load('m')).data)).toBe('one');
    await expect(store.promote('m', v2.version, { expectedLatest: v2.version })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(store.promote('m', '20990101T000000000Z-abcdef')).rejects.toBeInstanceOf(NotFoundError);
    // A publish on top of the rolled-back latest moves on as usual.
    const v3 = await store.publish('m', bytes('three'), { expectedLatest: v1.version });
    expect((await store.latest('m'))?.version).toBe(v3.version);
  });

  it('keeps the newest keepVersions plus pinned ones and latest after each publish', async () => {
    const kept = await backend.create({ keepVersions: 2 });
    const v1 = await kept.publish('m', bytes('1'));
    const v2 = await kept.publish('m', bytes('2'));
    await kept.setPinned('m', v1.version, true);
    expect(await kept.pinned('m')).toEqual([v1.version]);
    const v3 = await kept.publish('m', bytes('3'));
    const v4 = await kept.publish('m', bytes('4'));
    expect((await kept.versions('m')).map((m) => m.version)).toEqual([v1.version, v3.version, v4.version]);
    await expect(kept.load('m', v2.version)).rejects.toBeInstanceOf(NotFoundError);
    // Unpinned, it goes with the next publish; latest rolled back to an old version is never removed.
    await kept.setPinned('m', v1.version, false);
    await kept.promote('m', v3.version);
    await kept.publish('m', bytes('5'), { expectedLatest: v3.version });
    const v5 = (await kept.latest('m'))!;
    expect((await kept.versions('m')).map((m) => m.version)).toEqual([v4.version, v5.version]);
    await expect(kept.setPinned('m', v2.version, true)).rejects.toBeInstanceOf(NotFoundError);
  });
});
