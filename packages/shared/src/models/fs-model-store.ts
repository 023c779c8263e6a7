// Filesystem ModelStore: versions appear by directory rename, `latest` moves by exclusively creating the next
// pointer generation, which is atomic across processes without a lock that could go stale.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NotFoundError } from '../errors/index.ts';
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

const GENERATION_PATTERN = /^(\d{12})\.json$/;
/** Older pointer generations are pruned; a few are kept so a reader racing a publish still finds its file. */
const KEEP_GENERATIONS = 16;
const READ_RETRIES = 5;

interface Pointer {
  generation: number;
  manifest: ModelManifest;
}

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
  const base = resolve(root);
  const keep = options.keepVersions ?? DEFAULT_KEEP_VERSIONS;
  const pinDir = (name: string): string => join(dirOf(name), 'pins');
  const dirOf = (name: string): string => join(base, name);
  const pointerDir = (name: string): string => join(dirOf(name), 'pointer');
  const versionDir = (name: string, version: string): string => join(dirOf(name), 'versions', version);

  async function staging(name: string): Promise<string> {
    const dir = join(dirOf(name), '.staging');
    await mkdir(dir, { recursive: true });
    return join(dir, `${Date.now()}-${randomBytes(6).toString('hex')}`);
  }

  async function readPointer(name: string): Promise<Pointer | undefined> {
    for (let attempt = 0; ; attempt++) {
      const entries = await readdirOrEmpty(pointerDir(name));
      let generation = 0;
      for (const entry of entries) {
        const match = GENERATION_PATTERN.exec(entry);
        if (match?.[1]) generation = Math.max(generation, Number(match[1]));
      }
      if (generation === 0) return undefined;
      const file = join(pointerDir(name), generationFile(generation));
      try {
        return { generation, manifest: parseManifest(await readFile(file, 'utf8'), file) };
      } catch (error) {
        // Pruned by a publisher between our readdir and read: the newer generation is there now.
        if (!isCode(error, 'ENOENT') || attempt >= READ_RETRIES) throw error;
      }
    }
  }

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

  /** Creates pointer generation `generation`; false when another publisher created it first. */
  async function createGeneration(
    name: string,
    generation: number,
    manifest: ModelManifest,
  ): Promise<boolean> {
    await mkdir(pointerDir(name), { recursive: true });
    const target = join(pointerDir(name), generationFile(generation));
    const temp = `${await staging(name)}.json`;
    await writeFile(temp, JSON.stringify(manifest, null, 2));
    try {
      // link() fails with EEXIST if the name is taken, and the file appears with its full content.
      await link(temp, target);
      return true;
    } catch (error) {
      if (isCode(error, 'EEXIST')) return false;
      if (!isCode(error, 'EPERM') && !isCode(error, 'ENOTSUP') && !isCode(error, 'EXDEV')) throw error;
      return createExclusive(target, JSON.stringify(manifest, null, 2)); // file systems without hard links
    } finally {
      await unlink(temp).catch(() => undefined);
    }
  }

  async function pruneGenerations(name: string, current: number): Promise<void> {
    const entries = await readdirOrEmpty(pointerDir(name));
    await Promise.all(
      entries.map(async (entry) => {
        const match = GENERATION_PATTERN.exec(entry);
        if (match?.[1] && Number(match[1]) <= current - KEEP_GENERATIONS) {
          // Housekeeping only: a leftover generation file is harmless, so a failed unlink is not an error.
          await unlink(join(pointerDir(name), entry)).catch(() => undefined);
        }
      }),
    );
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
      if (!(await createGeneration(name, generation, manifest))) {
        await discardVersion(name, manifest.version);
        const winner = await readPointer(name);
        throw createPublishConflict(name, expected, winner?.manifest.version ?? null, manifest.version);
      }
      // A publisher that fell KEEP_GENERATIONS behind finds its slot pruned and "wins" it, yet a far higher
      // generation is latest: those existed before our link (nobody publishes that many on top of us between
      // two calls), so ours never took effect.
      const after = await readPointer(name);
      if (after && after.generation >= generation + KEEP_GENERATIONS) {
        await unlink(join(pointerDir(name), generationFile(generation))).catch(() => undefined);
        await discardVersion(name, manifest.version);
        throw createPublishConflict(name, expected, after.manifest.version, manifest.version);
      }
      await pruneGenerations(name, generation);
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
      if (!(await createGeneration(name, generation, manifest))) {
        throw createPublishConflict(name, expected, (await readPointer(name))?.manifest.version ?? null);
      }
      await pruneGenerations(name, generation);
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
      const names = (await readdirOrEmpty(base)).filter((entry) => MODEL_NAME_PATTERN.test(entry));
      const withVersions = await Promise.all(
        names.map(async (name) =>
          (await readdirOrEmpty(join(dirOf(name), 'versions'))).length > 0 ? name : null,
        ),
      );
      return withVersions.filter((name): name is string => name !== null).sort();
    },
  };
}

function generationFile(generation: number): string {
  return `${String(generation).padStart(12, '0')}.json`;
}

async function createExclusive(path: string, content: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(content);
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isCode(error, 'ENOENT')) return [];
    throw error;
  }
}

function isCode(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
