// The layout the Blob and S3 ModelStores share on a flat object namespace: `<name>/<version>/model.bin`,
// `<name>/<version>/manifest.json`, the pointer `<name>/latest.json` (a copy of the latest manifest, so `latest()`
// is one small read) and the empty markers `<name>/pins/<version>`. The pointer moves by a conditional write.
import { NotFoundError } from '../errors/index.ts';
import {
  assertModelName,
  assertModelVersion,
  MODEL_VERSION_PATTERN,
  parseManifest,
  verifyArtifact,
} from './model-naming.ts';
import type { ModelBackend } from './backed-model-store.ts';
import { toPointerRead } from './pointer-read.ts';
import type { ModelStore } from './types.ts';

/** A write that succeeds only while the object is absent (`create`) or still holds the read `match` token. */
export type WriteCondition = { create: true } | { match: string } | undefined;

/** An object's bytes and the token a conditional write on it needs (an ETag, or a GCS generation). */
export interface StoredObject {
  body: Buffer;
  token: string;
}

/**
 * The calls a provider implements on its container or bucket. Unreachable storage throws DependencyError (503);
 * other failures are thrown as the provider reports them.
 */
export interface ModelObjects {
  readonly kind: ModelStore['kind'];
  /** Runs before a publish writes anything (the Blob store creates its container). */
  prepare?(): Promise<unknown>;
  /** The object at `key`, undefined when there is none. */
  read(key: string): Promise<StoredObject | undefined>;
  write(key: string, body: Uint8Array | string, condition: WriteCondition): Promise<void>;
  /** Whether `write` threw because its condition failed (another writer got there first). */
  isWriteConflict(error: unknown): boolean;
  /** Deletes `key`; deleting an absent object is no error. */
  remove(key: string): Promise<void>;
  /** Every key under `prefix`. */
  listKeys(prefix: string): Promise<string[]>;
  /** The model names that hold a version, sorted. */
  listNames(): Promise<string[]>;
}

/** What a conditional write of the pointer needs: the token it was read with. */
export interface ObjectPointerSlot {
  token: string;
}

const VERSION_FILES = ['manifest.json', 'model.bin'] as const; // the manifest first: a listing never shows half a version

/** The {@link ModelBackend} of the shared object layout on one provider's `objects`. */
export function createObjectModelBackend(objects: ModelObjects): ModelBackend<ObjectPointerSlot> {
  const notFound = (name: string, version: string) =>
    new NotFoundError(`Model ${name} has no version ${version}`);

  async function readManifest(name: string, version: string) {
    assertModelName(name);
    assertModelVersion(version);
    const key = `${name}/${version}/manifest.json`;
    const object = await objects.read(key);
    if (!object) throw notFound(name, version);
    return parseManifest(object.body.toString('utf8'), key, { name, version });
  }

  return {
    kind: objects.kind,
    prepare: async () => objects.prepare?.(),

    async readPointer(name) {
      const key = `${name}/latest.json`;
      const object = await objects.read(key);
      return object && { ...toPointerRead(object.body.toString('utf8'), key), token: object.token };
    },

    async movePointer(name, manifest, current) {
      const json = JSON.stringify(manifest, null, 2);
      try {
        await objects.write(
          `${name}/latest.json`,
          json,
          current ? { match: current.token } : { create: true },
        );
        return true;
      } catch (error) {
        if (objects.isWriteConflict(error)) return false;
        throw error;
      }
    },

    readManifest,

    async readVersion(name, version) {
      const manifest = await readManifest(name, version);
      const object = await objects.read(`${name}/${version}/model.bin`);
      if (!object) throw notFound(name, version);
      const data = new Uint8Array(object.body.buffer, object.body.byteOffset, object.body.byteLength);
      verifyArtifact(manifest, data);
      return { manifest, data };
    },

    async writeVersion(manifest, data) {
      const prefix = `${manifest.name}/${manifest.version}`;
      // Versions are immutable: never overwrite one. The manifest goes last, so a listed version is complete.
      await objects.write(`${prefix}/model.bin`, data, { create: true });
      await objects.write(`${prefix}/manifest.json`, JSON.stringify(manifest, null, 2), { create: true });
    },

    async deleteVersion(name, version, housekeeping = false) {
      for (const file of VERSION_FILES) {
        const removal = objects.remove(`${name}/${version}/${file}`);
        await (housekeeping ? removal.catch(() => undefined) : removal);
      }
    },

    async listVersionIds(name) {
      const ids: string[] = [];
      const pinned: string[] = [];
      for (const key of await objects.listKeys(`${name}/`)) {
        const [, first, second] = key.split('/');
        if (first === 'pins' && second && MODEL_VERSION_PATTERN.test(second)) pinned.push(second);
        else if (second === 'manifest.json' && first && MODEL_VERSION_PATTERN.test(first)) ids.push(first);
      }
      return { ids: ids.sort(), pinned: pinned.sort() };
    },

    async writePin(name, version, pinned) {
      const key = `${name}/pins/${version}`;
      if (pinned) await objects.write(key, '', undefined);
      else await objects.remove(key);
    },

    listNames: () => objects.listNames(),
  };
}
