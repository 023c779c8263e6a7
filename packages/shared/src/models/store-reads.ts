// The read side both ModelStore backends share: `latest` through the pointer, `load` of latest or a named version.
import { NotFoundError } from '../errors/index.ts';
import { assertModelName, assertModelVersion, createPublishConflict } from './model-naming.ts';
import type { LoadedArtifact, ModelManifest, ModelStore } from './types.ts';

/** What a backend provides: its pointer read (undefined when nothing is published) and its version read. */
export interface StoreReader {
  readPointer(name: string): Promise<{ manifest: ModelManifest } | undefined>;
  readVersion(name: string, version: string): Promise<LoadedArtifact>;
}

/** `latest` and `load` of a {@link ModelStore}, with the name and version checks, over a backend's reads. */
export function createStoreReads(reader: StoreReader): Pick<ModelStore, 'latest' | 'load'> {
  return {
    async latest(name: string): Promise<ModelManifest | undefined> {
      assertModelName(name);
      return (await reader.readPointer(name))?.manifest;
    },

    async load(name: string, version?: string): Promise<LoadedArtifact> {
      assertModelName(name);
      if (version === undefined) {
        const pointer = await reader.readPointer(name);
        if (!pointer) throw new NotFoundError(`Model ${name} has no published version`);
        return reader.readVersion(name, pointer.manifest.version);
      }
      assertModelVersion(version);
      return reader.readVersion(name, version);
    },
  };
}

/**
 * The version `latest` must hold for a publish: the caller's `expectedLatest`, or what it holds now when
 * omitted. Throws the publish ConflictError at once when the caller is already behind, before anything is written.
 */
export function checkExpectedLatest(
  name: string,
  expectedLatest: string | null | undefined,
  currentVersion: string | null,
): string | null {
  const expected = expectedLatest === undefined ? currentVersion : expectedLatest;
  if (expected !== currentVersion) throw createPublishConflict(name, expected, currentVersion);
  return expected;
}
