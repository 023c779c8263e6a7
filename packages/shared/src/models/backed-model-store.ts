// The ModelStore every backend shares: publish, promote, pins, retention and listings over a small backend that
// only knows how to read and move its `latest` pointer and read, write, list and delete versions.
import { assertModelName, createManifest, createPublishConflict, sha256Hex } from './model-naming.ts';
import { DEFAULT_KEEP_VERSIONS, selectRemovable } from './model-retention.ts';
import { checkExpectedLatest, createStoreReads } from './store-reads.ts';
import type {
  LoadedArtifact,
  ModelManifest,
  ModelStore,
  ModelStoreOptions,
  PublishOptions,
} from './types.ts';

/** What `latest` holds now, with whatever the backend needs to move it by compare-and-swap. */
export interface PointerRead {
  manifest: ModelManifest;
}

/** The storage a {@link createBackedModelStore} runs on (the filesystem, or an object store's layout). */
export interface ModelBackend<P extends PointerRead> {
  readonly kind: ModelStore['kind'];
  /** Runs before a publish writes anything (creating a container, say). */
  prepare?(): Promise<unknown>;
  /** The pointer of `name`, undefined before its first publish. */
  readPointer(name: string): Promise<P | undefined>;
  /** Moves `latest` from `current` to `manifest`; false when another writer moved it first (its move stands). */
  movePointer(name: string, manifest: ModelManifest, current: P | undefined): Promise<boolean>;
  /** One version's manifest, name and version checked; NotFoundError when it has none. */
  readManifest(name: string, version: string): Promise<ModelManifest>;
  /** One version's artifact, its checksum verified; NotFoundError when missing. */
  readVersion(name: string, version: string): Promise<LoadedArtifact>;
  /** Stores a new immutable version so that it is listed only once complete. */
  writeVersion(manifest: ModelManifest, data: Uint8Array): Promise<void>;
  /** Deletes a version retention let go, or (`housekeeping`) the one a lost publish wrote: then it never throws. */
  deleteVersion(name: string, version: string, housekeeping?: boolean): Promise<void>;
  /** The complete versions and the pinned ones of `name`, each sorted. */
  listVersionIds(name: string): Promise<{ ids: string[]; pinned: string[] }>;
  /** Writes or deletes the pin marker of an existing version. */
  writePin(name: string, version: string, pinned: boolean): Promise<void>;
  /** Names that hold at least one version, sorted. */
  listNames(): Promise<string[]>;
}

/**
 * A ModelStore on `backend`: a publish writes an immutable version, then moves `latest` by the backend's
 * compare-and-swap; the loser deletes its version and gets a ConflictError naming the winner.
 * @example
 * const store = createBackedModelStore(createObjectModelBackend('s3', objects), { keepVersions: 5 });
 */
export function createBackedModelStore<P extends PointerRead>(
  backend: ModelBackend<P>,
  options: ModelStoreOptions = {},
): ModelStore {
  const keep = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;
  const { readPointer, readManifest } = backend;

  async function pruneVersions(name: string): Promise<string[]> {
    const { ids, pinned } = await backend.listVersionIds(name);
    const latest = (await readPointer(name))?.manifest.version ?? null;
    const removable = selectRemovable(ids, latest, new Set(pinned), keep);
    for (const id of removable) await backend.deleteVersion(name, id);
    return removable;
  }

  return {
    kind: backend.kind,

    async publish(
      name: string,
      data: Uint8Array,
      publishOptions: PublishOptions = {},
    ): Promise<ModelManifest> {
      assertModelName(name);
      await backend.prepare?.();
      const current = await readPointer(name);
      const expected = checkExpectedLatest(
        name,
        publishOptions.expectedLatest,
        current?.manifest.version ?? null,
      );
      if (current && current.manifest.sha256 === sha256Hex(data)) return current.manifest;

      const manifest = createManifest(name, data, publishOptions.metadata);
      await backend.writeVersion(manifest, data);
      await options.beforeCommit?.(name);
      if (!(await backend.movePointer(name, manifest, current))) {
        // `latest` never pointed at this version, so nobody can load it: delete it rather than let every lost
        // race grow the store (20 concurrent fits stored 20 versions for 4 published).
        await backend.deleteVersion(name, manifest.version, true);
        const winner = await readPointer(name);
        throw createPublishConflict(name, expected, winner?.manifest.version ?? null, manifest.version);
      }
      await pruneVersions(name).catch(() => undefined); // housekeeping: the publish itself succeeded
      return manifest;
    },

    async promote(name, version, promoteOptions = {}) {
      const manifest = await readManifest(name, version);
      const current = await readPointer(name);
      const expected = checkExpectedLatest(
        name,
        promoteOptions.expectedLatest,
        current?.manifest.version ?? null,
      );
      if (current?.manifest.version === version) return manifest;
      if (!(await backend.movePointer(name, manifest, current))) {
        throw createPublishConflict(name, expected, (await readPointer(name))?.manifest.version ?? null);
      }
      return manifest;
    },

    async setPinned(name, version, pinned) {
      await readManifest(name, version);
      await backend.writePin(name, version, pinned);
    },

    pinned: async (name) => {
      assertModelName(name);
      return (await backend.listVersionIds(name)).pinned;
    },

    prune: async (name) => {
      assertModelName(name);
      return pruneVersions(name);
    },

    ...createStoreReads({ readPointer, readVersion: backend.readVersion }),

    async versions(name: string): Promise<ModelManifest[]> {
      assertModelName(name);
      const { ids } = await backend.listVersionIds(name);
      return Promise.all(ids.map((id) => readManifest(name, id)));
    },

    list: () => backend.listNames(),
  };
}
