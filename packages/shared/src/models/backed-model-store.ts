// The ModelStore every backend shares: publish, promote, pins, retention and listings over a small backend that
// only knows how to read and move its `latest` pointer and read, write, list and delete versions.
import { NotFoundError } from '../errors/index.ts';
import {
  assertModelName,
  createManifest,
  createPublishConflict,
  ModelIntegrityError,
} from './model-naming.ts';
import { DEFAULT_KEEP_VERSIONS, selectRemovable } from './model-retention.ts';
import { checkPointer, describeHeld, type PointerRead } from './pointer-read.ts';
import { checkExpectedLatest, createStoreReads } from './store-reads.ts';
import type {
  LoadedArtifact,
  ModelManifest,
  ModelStore,
  ModelStoreOptions,
  PublishOptions,
} from './types.ts';

/**
 * The storage a {@link createBackedModelStore} runs on (the filesystem, or an object store's layout). `S` is what it
 * needs to move `latest` by compare-and-swap (a generation, an ETag), read with the pointer.
 */
export interface ModelBackend<S extends object> {
  readonly kind: ModelStore['kind'];
  /** Runs before a publish writes anything (creating a container, say). */
  prepare?(): Promise<unknown>;
  /** The pointer of `name` (malformed when it holds no manifest), undefined before its first publish. */
  readPointer(name: string): Promise<(PointerRead & S) | undefined>;
  /** Moves `latest` from `current` to `manifest`; false when another writer moved it first (its move stands). */
  movePointer(name: string, manifest: ModelManifest, current: S | undefined): Promise<boolean>;
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
 * compare-and-swap; the loser deletes its version and gets a ConflictError naming the winner. A `latest` that is no
 * pointer to one of the model's versions (see `latest()`) names no version to expect, and a publish or promote
 * replaces it by the same compare-and-swap, warning with what it held.
 * @example
 * const store = createBackedModelStore(createObjectModelBackend('s3', objects), { keepVersions: 5 });
 */
export function createBackedModelStore<S extends object>(
  backend: ModelBackend<S>,
  options: ModelStoreOptions = {},
): ModelStore {
  const keep = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;
  const { readPointer, readManifest } = backend;

  /** The version `latest` of `name` names, null when it names none (unset, or malformed). */
  const versionOf = (name: string, pointer: PointerRead | undefined): string | null =>
    checkPointer(name, pointer) ? null : (pointer?.manifest?.version ?? null);

  /** The pointer a write swaps out and the version it names; a malformed one is replaced, with a warning. */
  async function readForSwap(name: string, operation: string) {
    const current = await readPointer(name);
    const problem = checkPointer(name, current);
    if (problem && current) {
      console.warn(
        `[model-store] model ${name}: ${operation} replaces a malformed latest pointer (${problem.message}); it held ${describeHeld(current)}`,
      );
    }
    return { current, version: problem ? null : (current?.manifest?.version ?? null) };
  }

  async function pruneVersions(name: string): Promise<string[]> {
    const { ids, pinned } = await backend.listVersionIds(name);
    const latest = versionOf(name, await readPointer(name));
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
      const { current, version } = await readForSwap(name, 'a publish');
      const expected = checkExpectedLatest(name, publishOptions.expectedLatest, version);
      const manifest = createManifest(name, data, publishOptions.metadata);
      const held = version === null ? undefined : current?.manifest;
      if (
        held?.sha256 === manifest.sha256 &&
        (publishOptions.identical !== 'same-bytes-and-metadata' ||
          JSON.stringify(held.metadata) === JSON.stringify(manifest.metadata))
      )
        return held;

      await backend.writeVersion(manifest, data);
      await options.beforeCommit?.(name);
      if (!(await backend.movePointer(name, manifest, current))) {
        // `latest` never pointed at this version, so nobody can load it: delete it rather than let every lost
        // race grow the store (20 concurrent fits stored 20 versions for 4 published).
        await backend.deleteVersion(name, manifest.version, true);
        const winner = versionOf(name, await readPointer(name));
        throw createPublishConflict(name, expected, winner, manifest.version);
      }
      await pruneVersions(name).catch(() => undefined); // housekeeping: the publish itself succeeded
      return manifest;
    },

    async promote(name, version, promoteOptions = {}) {
      const manifest = await readManifest(name, version);
      const { current, version: served } = await readForSwap(name, 'a promote');
      const expected = checkExpectedLatest(name, promoteOptions.expectedLatest, served);
      if (served === version) return manifest;
      if (!(await backend.movePointer(name, manifest, current))) {
        throw createPublishConflict(name, expected, versionOf(name, await readPointer(name)));
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
      const manifests = await Promise.all(
        ids.map((id) =>
          readManifest(name, id).catch((error: unknown) => {
            // One damaged version must not hide the others (a cache falls back to the newest that loads); one
            // deleted since the listing (retention run by a concurrent publish) is simply gone.
            if (error instanceof NotFoundError) return undefined;
            if (!(error instanceof ModelIntegrityError)) throw error;
            console.warn(`[model-store] model ${name}: version ${id} left out, ${error.message}`);
            return undefined;
          }),
        ),
      );
      return manifests.filter((manifest): manifest is ModelManifest => manifest !== undefined);
    },

    list: () => backend.listNames(),
  };
}
