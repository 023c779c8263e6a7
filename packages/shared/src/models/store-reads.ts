// The read side both ModelStore backends share: `latest` through the pointer, `load` of latest or a named version.
import { NotFoundError } from '../errors/index.ts';
import {
  assertModelName,
  assertModelVersion,
  createPublishConflict,
  ModelPointerError,
} from './model-naming.ts';
import { checkPointer, type PointerRead } from './pointer-read.ts';
import type { LoadedArtifact, ModelManifest, ModelStore } from './types.ts';

/** What a backend provides: its pointer read (undefined when nothing is published) and its version read. */
export interface StoreReader {
  readPointer(name: string): Promise<PointerRead | undefined>;
  readVersion(name: string, version: string): Promise<LoadedArtifact>;
}

/**
 * `latest` and `load` of a {@link ModelStore}, with the name and version checks, over a backend's reads. A pointer
 * that is not a manifest of this model naming a well-formed version, or (for `load`) names a version that is not
 * stored, is a ModelPointerError; a failure to read it (an outage, a file error) is thrown as it is.
 */
export function createStoreReads(reader: StoreReader): Pick<ModelStore, 'latest' | 'load'> {
  async function readLatest(name: string): Promise<ModelManifest | undefined> {
    assertModelName(name);
    const pointer = await reader.readPointer(name);
    const problem = checkPointer(name, pointer);
    if (problem) throw problem;
    return pointer?.manifest;
  }

  return {
    latest: readLatest,

    async load(name: string, version?: string): Promise<LoadedArtifact> {
      if (version === undefined) {
        const latest = await readLatest(name);
        if (!latest) throw new NotFoundError(`Model ${name} has no published version`);
        try {
          return await reader.readVersion(name, latest.version);
        } catch (error) {
          if (!(error instanceof NotFoundError)) throw error;
          const message = `The latest pointer of model ${name} names version ${latest.version}, which is not stored`;
          throw new ModelPointerError(message, { name, version: latest.version }, error);
        }
      }
      assertModelName(name);
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
