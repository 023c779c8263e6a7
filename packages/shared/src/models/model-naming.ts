// Names, version ids and checksums shared by both store backends; names double as path/blob segments.
import { createHash, randomBytes } from 'node:crypto';
import { ConflictError, SuiteError, ValidationError } from '../errors/index.ts';
import type { ModelManifest } from './types.ts';

/** A model name: lower case, safe as a single path or blob segment (no traversal, no separators). */
export const MODEL_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** A version id: UTC timestamp to the millisecond plus 6 random hex digits, so ids sort by publish time. */
export const MODEL_VERSION_PATTERN = /^\d{8}T\d{9}Z-[0-9a-f]{6}$/;

/** 500: stored bytes do not match their manifest (truncated upload, tampering, disk error). */
export class ModelIntegrityError extends SuiteError {
  constructor(message: string, details?: Record<string, unknown>) {
    super(message, { code: 'model_integrity', status: 500, details });
  }
}

/**
 * 500: the `latest` pointer of a model is not a pointer to one of its versions (not JSON, not a manifest of this
 * model, or naming a version that is not stored). A model cache serves the newest version that loads instead.
 */
export class ModelPointerError extends SuiteError {
  constructor(message: string, details: { name: string; version?: string }, cause?: unknown) {
    super(message, { code: 'model_pointer', status: 500, details, cause });
  }
}

/** Throws ValidationError (field `name`) unless `name` matches {@link MODEL_NAME_PATTERN}. */
export function assertModelName(name: string): void {
  if (typeof name !== 'string' || !MODEL_NAME_PATTERN.test(name) || name === '.' || name === '..') {
    throw new ValidationError(`Invalid model name ${JSON.stringify(name)}`, [
      { path: 'name', message: `must match ${MODEL_NAME_PATTERN.source}` },
    ]);
  }
}

/** Throws ValidationError (field `version`) unless `version` is a well-formed version id. */
export function assertModelVersion(version: string): void {
  if (typeof version !== 'string' || !MODEL_VERSION_PATTERN.test(version)) {
    throw new ValidationError(`Invalid model version ${JSON.stringify(version)}`, [
      { path: 'version', message: `must match ${MODEL_VERSION_PATTERN.source}` },
    ]);
  }
}

/** A new version id for a publish at `now`. */
export function createVersionId(now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('.', ''); // 20261126T193000123Z
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Lower-case hex SHA-256 of `data`. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Builds the manifest of a version about to be written. */
export function createManifest(
  name: string,
  data: Uint8Array,
  metadata: Record<string, unknown> = {},
  now: Date = new Date(),
): ModelManifest {
  return {
    name,
    version: createVersionId(now),
    createdAt: now.toISOString(),
    sizeBytes: data.byteLength,
    sha256: sha256Hex(data),
    // A JSON round trip now makes a non-serialisable metadata value fail before anything is written.
    metadata: JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>,
  };
}

/** Throws ModelIntegrityError unless `data` matches the size and SHA-256 recorded in `manifest`. */
export function verifyArtifact(manifest: ModelManifest, data: Uint8Array): void {
  const actual = data.byteLength === manifest.sizeBytes ? sha256Hex(data) : undefined;
  if (actual !== manifest.sha256) {
    throw new ModelIntegrityError(`Model ${manifest.name}@${manifest.version} failed its checksum`, {
      name: manifest.name,
      version: manifest.version,
      expectedSha256: manifest.sha256,
      expectedBytes: manifest.sizeBytes,
      actualBytes: data.byteLength,
    });
  }
}

/**
 * Parses a stored manifest, refusing anything that is not one (ModelIntegrityError; its details name the version
 * `of` when given, so a cache skips that version like one that fails its checksum). With `of`, a manifest naming
 * another model or version than the one it is stored as (a folder copied by hand, a manifest pasted from another) is
 * refused the same way: served, it would put one version's bytes under another's name.
 */
export function parseManifest(
  text: string,
  where: string,
  of?: { name: string; version: string },
): ModelManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelIntegrityError(`Manifest at ${where} is not JSON`, { where, ...of, cause: String(error) });
  }
  const m = value as Partial<ModelManifest> | null;
  if (
    !m ||
    typeof m.name !== 'string' ||
    typeof m.version !== 'string' ||
    typeof m.sha256 !== 'string' ||
    typeof m.sizeBytes !== 'number' ||
    typeof m.createdAt !== 'string'
  ) {
    throw new ModelIntegrityError(`Manifest at ${where} is malformed`, { where, ...of });
  }
  if (of && (m.name !== of.name || m.version !== of.version)) {
    const named = `${JSON.stringify(m.name)}@${JSON.stringify(m.version)}`;
    throw new ModelIntegrityError(
      `Manifest at ${where} names ${named}, not the ${of.name}@${of.version} it is stored as`,
      {
        where,
        ...of,
        manifestName: m.name,
        manifestVersion: m.version,
      },
    );
  }
  return { ...m, metadata: m.metadata ?? {} } as ModelManifest;
}

/**
 * The ConflictError a publisher gets when `latest` moved under it: names the current latest so the caller can
 * decide to retry on top of it. `discardedVersion` is the version written before the pointer swap failed, which
 * the store deleted again (no reader can reach it: `latest` never pointed at it).
 */
export function createPublishConflict(
  name: string,
  expectedLatest: string | null,
  currentLatest: string | null,
  discardedVersion?: string,
): ConflictError {
  const orphan = discardedVersion ? ` Version ${discardedVersion} was discarded.` : '';
  return new ConflictError(
    `Model ${name}: latest is ${currentLatest ?? 'unset'}, not ${expectedLatest ?? 'unset'} as expected.${orphan}`,
    { name, expectedLatest, currentLatest, ...(discardedVersion ? { discardedVersion } : {}) },
  );
}
