// Cold-load fallback: when the version `latest` points at does not decode (or the pointer itself is malformed), serve
// the newest version that does. A read error (storage or file I/O, network) says nothing about the artifact or the
// pointer: it is never a reason to skip a version.
import { DependencyError } from '../errors/index.ts';
import { ModelIntegrityError, ModelPointerError } from './model-naming.ts';
import type { ModelManifest, ModelStore } from './types.ts';

/** Most older versions a cold load tries after a `latest` that does not decode. */
export const MAX_FALLBACK_TRIES = 5;
/** First wait before a warm cache retries a refresh that met a read error; doubles per failure in a row. */
export const READ_RETRY_BASE_MS = 1_000;
/** Longest wait between such retries (never longer than the refresh interval either). */
export const READ_RETRY_MAX_MS = 30_000;

/** What a fallback names as `latest` when the pointer is not a manifest at all, so names no version. */
export const UNREADABLE_POINTER = 'unreadable';

/**
 * `latest` cannot be served: the artifact of `version` does not decode or fails its checksum, or the pointer names a
 * version that is not stored, or ({@link UNREADABLE_POINTER}) is malformed. Remembered, and skipped by a cold load.
 */
export class DecodeFailure extends Error {
  constructor(
    readonly version: string,
    cause: unknown,
  ) {
    super(`decoding version ${version} failed`, { cause });
  }
}

/** Why a cache serves a version other than the one `latest` points at (listed by health, counted as a metric). */
export interface ModelFallback {
  /** The version `latest` points at, which does not decode or is not stored; `unreadable` for a malformed pointer. */
  latest: string;
  /** The decode (or pointer) error's message. */
  reason: string;
  /** ISO 8601 time this instance found it. */
  since: string;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * True for a failure to read rather than to decode: a storage outage (DependencyError), a Node system error (it
 * names a `syscall`: a file or socket operation), a network code, an abort or timeout, found along the cause chain.
 * A decode that reads files or the network lets such errors through, and the cache retries them.
 */
export function isReadError(error: unknown, depth = 0): boolean {
  if (error instanceof DependencyError) return true;
  if (!(error instanceof Error) || depth > 4) return false;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return true;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (typeof syscall === 'string' || (typeof code === 'string' && NETWORK_CODES.has(code))) return true;
  return isReadError(error.cause, depth + 1);
}

/**
 * A store read's error: a checksum failure is the stored artifact's fault and a malformed pointer the pointer's (a
 * DecodeFailure), anything else is not.
 */
export function fromStoreRead(error: unknown): unknown {
  if (error instanceof ModelPointerError) {
    const named = error.details?.['version'];
    return new DecodeFailure(typeof named === 'string' ? named : UNREADABLE_POINTER, error);
  }
  const version = error instanceof ModelIntegrityError ? error.details?.['version'] : undefined;
  return typeof version === 'string' ? new DecodeFailure(version, error) : error;
}

/** A decode's error: a read error stays what it is (retried later), anything else is a DecodeFailure of `version`. */
export function fromDecode(error: unknown, version: string): unknown {
  return isReadError(error) ? error : new DecodeFailure(version, error);
}

/** The wait before retry number `failures` (1, 2...) of a refresh that met a read error: doubling, bounded. */
export function readRetryDelayMs(failures: number, refreshIntervalMs: number): number {
  const doubled = READ_RETRY_BASE_MS * 2 ** Math.min(Math.max(failures - 1, 0), 20);
  return Math.min(doubled, READ_RETRY_MAX_MS, Math.max(refreshIntervalMs, 0));
}

/** The record of a fallback found now. */
export function describeFallback(failure: DecodeFailure): ModelFallback {
  const cause = failure.cause;
  const reason = cause instanceof Error ? cause.message : String(cause);
  return { latest: failure.version, reason: reason.slice(0, 200), since: new Date().toISOString() };
}

/**
 * Tries the versions of `name` older than `broken`, newest first (pinned ones count as any other), at most
 * {@link MAX_FALLBACK_TRIES}; returns the first that decodes, or undefined when none does. A read error is thrown.
 */
export async function tryLoadFallback<T>(
  store: ModelStore,
  name: string,
  broken: string,
  loadVersion: (version: string) => Promise<T>,
): Promise<{ loaded: T; skipped: string[] } | undefined> {
  // The store lists oldest first in publish order (two publishes in one millisecond do not sort by id).
  const versions = (await store.versions(name)).map((manifest: ModelManifest) => manifest.version);
  const at = versions.indexOf(broken);
  const candidates = (at < 0 ? versions.filter((version) => version !== broken) : versions.slice(0, at))
    .reverse()
    .slice(0, MAX_FALLBACK_TRIES);
  const skipped = [broken];
  for (const version of candidates) {
    try {
      return { loaded: await loadVersion(version), skipped };
    } catch (error) {
      if (!(error instanceof DecodeFailure)) throw error;
      skipped.push(version);
    }
  }
  return undefined;
}
