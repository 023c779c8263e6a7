// Filesystem ModelStore: versions appear by directory rename, `latest` moves by exclusively creating the next
// pointer generation (fs-pointer.ts), which is atomic across processes without a lock that could go stale.
import { mkdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NotFoundError } from '../errors/index.ts';
import { createBackedModelStore, type ModelBackend } from './backed-model-store.ts';
import { createFsLayout, isCode, readdirOrEmpty } from './fs-layout.ts';
import { createFsPointer, KEEP_GENERATIONS, type PointerSlot } from './fs-pointer.ts';
import {
  assertModelName,
  assertModelVersion,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
  parseManifest,
  verifyArtifact,
} from './model-naming.ts';
import type { ModelStore, ModelStoreOptions } from './types.ts';

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
  return createBackedModelStore(createFsModelBackend(root), options);
}

function createFsModelBackend(root: string): ModelBackend<PointerSlot> {
  const layout = createFsLayout(resolve(root));
  const { dirOf, versionDir, pinDir, staging } = layout;
  const pointer = createFsPointer(layout);
  const notFound = (name: string, version: string) =>
    new NotFoundError(`Model ${name} has no version ${version}`);
  const matching = (entries: string[], pattern: RegExp) => entries.filter((id) => pattern.test(id)).sort();

  return {
    kind: 'fs',
    readPointer: pointer.read,

    async movePointer(name, manifest, current) {
      const generation = (current?.generation ?? 0) + 1;
      if (!(await pointer.create(name, generation, manifest))) return false;
      // A writer that fell KEEP_GENERATIONS behind finds its slot pruned and "wins" it, yet a far higher
      // generation is latest: those existed before our link (nobody publishes that many on top of us between
      // two calls), so ours never took effect.
      const after = await pointer.read(name);
      if (after && after.generation >= generation + KEEP_GENERATIONS) {
        await pointer.remove(name, generation);
        return false;
      }
      await pointer.prune(name, generation);
      return true;
    },

    async readManifest(name, version) {
      assertModelName(name);
      assertModelVersion(version);
      const file = join(versionDir(name, version), 'manifest.json');
      try {
        return parseManifest(await readFile(file, 'utf8'), file, { name, version });
      } catch (error) {
        if (isCode(error, 'ENOENT')) throw notFound(name, version);
        throw error;
      }
    },

    async readVersion(name, version) {
      const dir = versionDir(name, version);
      try {
        const manifest = parseManifest(await readFile(join(dir, 'manifest.json'), 'utf8'), dir, {
          name,
          version,
        });
        const data = new Uint8Array(await readFile(join(dir, 'model.bin')));
        verifyArtifact(manifest, data);
        return { manifest, data };
      } catch (error) {
        if (isCode(error, 'ENOENT')) throw notFound(name, version);
        throw error;
      }
    },

    async writeVersion(manifest, data) {
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
    },

    async deleteVersion(name, version, housekeeping = false) {
      const removal = rm(versionDir(name, version), { recursive: true, force: true });
      await (housekeeping ? removal.catch(() => undefined) : removal);
    },

    async listVersionIds(name) {
      return {
        ids: matching(await readdirOrEmpty(join(dirOf(name), 'versions')), MODEL_VERSION_PATTERN),
        pinned: matching(await readdirOrEmpty(pinDir(name)), MODEL_VERSION_PATTERN),
      };
    },

    async writePin(name, version, pinned) {
      if (!pinned) return unlink(join(pinDir(name), version)).catch(() => undefined);
      await mkdir(pinDir(name), { recursive: true });
      await writeFile(join(pinDir(name), version), '');
    },

    async listNames() {
      const names = matching(await readdirOrEmpty(layout.base), MODEL_NAME_PATTERN);
      const withVersions = await Promise.all(
        names.map(async (name) =>
          (await readdirOrEmpty(join(dirOf(name), 'versions'))).length > 0 ? name : null,
        ),
      );
      return withVersions.filter((name): name is string => name !== null);
    },
  };
}
