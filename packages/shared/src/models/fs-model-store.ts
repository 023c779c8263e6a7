// Filesystem ModelStore: versions appear by directory rename, `latest` moves by exclusively creating the next
// pointer generation (fs-pointer.ts), which is atomic across processes without a lock that could go stale.
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NotFoundError } from '../errors/index.ts';
import { createFsLayout, isCode, readdirOrEmpty } from './fs-layout.ts';
import { createFsPointer, KEEP_GENERATIONS } from './fs-pointer.ts';
import {
  assertModelName,
  assertModelVersion,
  createManifest,
  createPublishConflict,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
  parseManifest,
  sha256Hex,
  verifyArtifact,
} from './model-naming.ts';
import { DEFAULT_KEEP_VERSIONS, selectRemovable } from './model-retention.ts';
import { checkExpectedLatest, createStoreReads } from './store-reads.ts';
import type {
  LoadedArtifact,
  ModelManifest,
  ModelStore,
  ModelStoreOptions,
  PublishOptions,
} from './types.ts';

/**
 * A ModelStore in a local folder (the default; `MODEL_DIR`). Layout under `root/<name>/`:
 * `versions/<version>/{model.bin,manifest.json}`, `pointer/<generation>.json` (the highest is `latest`),
 * `pins/<version>` (empty marker files) and `.staging/` for writes in progress.
 *
 * @example
 * const store = createFsModelStore('./.data/models');
 * const manifest = await store.publish('recommender-fm', bytes, { metadata: { rmse: 0.91 } });
 */
export function createFsModelStore(root: string, options: ModelStoreOptions = {}): ModelStore {
  const layout = createFsLayout(resolve(root));
  const { dirOf, versionDir, pinDir, staging } = layout;
  const pointer = createFsPointer(layout);
  const readPointer = pointer.read;
  const keep = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;

  async function writeVersion(manifest: ModelManifest, data: Uint8Array): Promise<void> {
    const temp = await staging(manifest.name);
    await mkdir(temp);
    try {
      await writeFile(join(temp, 'model.bin'), data);
      await writeFile(join(temp, 'manifest.json'), JSON.stringify(manifest, null, 2));
      await mkdir(join(dirOf(manifest.name), 'versions'), { recursive: true });
      // The version directory appears complete or not at all.
      await rename(temp, versionDir(manifest.name, manifest.version));
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Removes the version a lost publish wrote: `latest` never pointed at it, so nothing can load it, and left
   * there every lost race would grow the store (20 concurrent fits stored 20 versions for 4 published).
   * Housekeeping: when the removal fails the caller still gets its ConflictError.
   */
  async function discardVersion(name: string, version: string): Promise<void> {
    await rm(versionDir(name, version), { recursive: true, force: true }).catch(() => undefined);
  }

  async function readManifest(name: string, version: string): Promise<ModelManifest> {
    assertModelName(name);
    assertModelVersion(version);
    const file = join(versionDir(name, version), 'manifest.json');
    try {
      return parseManifest(await readFile(file, 'utf8'), file);
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw new NotFoundError(`Model ${name} has no version ${version}`);
      throw error;
    }
  }

  async function pinnedVersions(name: string): Promise<string[]> {
    return (await readdirOrEmpty(pinDir(name))).filter((id) => MODEL_VERSION_PATTERN.test(id)).sort();
  }

  async function pruneVersions(name: string): Promise<string[]> {
    const ids = (await readdirOrEmpty(join(dirOf(name), 'versions'))).filter((id) =>
      MODEL_VERSION_PATTERN.test(id),
    );
    const latest = (await readPointer(name))?.manifest.version ?? null;
    const removable = selectRemovable(ids, latest, new Set(await pinnedVersions(name)), keep);
    for (const id of removable) await rm(versionDir(name, id), { recursive: true, force: true });
    return removable;
  }

  async function readVersion(name: string, version: string): Promise<LoadedArtifact> {
    const dir = versionDir(name, version);
    try {
      const manifest = parseManifest(await readFile(join(dir, 'manifest.json'), 'utf8'), dir);
      const data = new Uint8Array(await readFile(join(dir, 'model.bin')));
      verifyArtifact(manifest, data);
      return { manifest, data };
    } catch (error) {
      if (isCode(error, 'ENOENT')) throw new NotFoundError(`Model ${name} has no version ${version}`);
      throw error;
    }
  }

  return {
    kind: 'fs',

    async publish(name: string, data: Uint8Array, options: PublishOptions = {}): Promise<ModelManifest> {
      assertModelName(name);
      const current = await readPointer(name);
      const expected = checkExpectedLatest(name, options.expectedLatest, current?.manifest.version ?? null);
      if (current && current.manifest.sha256 === sha256Hex(data)) return current.manifest;

      const manifest = createManifest(name, data, options.metadata);
      await writeVersion(manifest, data);
      const generation = (current?.generation ?? 0) + 1;
      if (!(await pointer.create(name, generation, manifest))) {
        await discardVersion(name, manifest.version);
        const winner = await readPointer(name);
        throw createPublishConflict(name, expected, winner?.manifest.version ?? null, manifest.version);
      }
      // A publisher that fell KEEP_GENERATIONS behind finds its slot pruned and "wins" it, yet a far higher
      // generation is latest: those existed before our link (nobody publishes that many on top of us between
      // two calls), so ours never took effect.
      const after = await readPointer(name);
      if (after && after.generation >= generation + KEEP_GENERATIONS) {
        await pointer.remove(name, generation);
        await discardVersion(name, manifest.version);
        throw createPublishConflict(name, expected, after.manifest.version, manifest.version);
      }
      await pointer.prune(name, generation);
      await pruneVersions(name).catch(() => undefined); // housekeeping: the publish itself succeeded
      return manifest;
    },

    ...createStoreReads({ readPointer, readVersion }),

    async versions(name: string): Promise<ModelManifest[]> {
      assertModelName(name);
      const ids = (await readdirOrEmpty(join(dirOf(name), 'versions'))).filter((id) =>
        MODEL_VERSION_PATTERN.test(id),
      );
      const manifests = await Promise.all(
        ids.map(async (id) => {
          const file = join(versionDir(name, id), 'manifest.json');
          return parseManifest(await readFile(file, 'utf8'), file);
        }),
      );
      return manifests.sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
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
      const generation = (current?.generation ?? 0) + 1;
      if (!(await pointer.create(name, generation, manifest))) {
        throw createPublishConflict(name, expected, (await readPointer(name))?.manifest.version ?? null);
      }
      await pointer.prune(name, generation);
      return manifest;
    },

    async setPinned(name, version, pinned) {
      await readManifest(name, version);
      if (!pinned) return unlink(join(pinDir(name), version)).catch(() => undefined);
      await mkdir(pinDir(name), { recursive: true });
      await writeFile(join(pinDir(name), version), '');
    },

    pinned: async (name) => {
      assertModelName(name);
      return pinnedVersions(name);
    },

    prune: async (name) => {
      assertModelName(name);
      return pruneVersions(name);
    },

    async list(): Promise<string[]> {
      const names = (await readdirOrEmpty(layout.base)).filter((entry) => MODEL_NAME_PATTERN.test(entry));
      const withVersions = await Promise.all(
        names.map(async (name) =>
          (await readdirOrEmpty(join(dirOf(name), 'versions'))).length > 0 ? name : null,
        ),
      );
      return withVersions.filter((name): name is string => name !== null).sort();
    },
  };
}
