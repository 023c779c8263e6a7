// Cold-load fallback: when the version `latest` points at does not decode, serve the newest version that does.
import type { ModelManifest, ModelStore } from './types.ts';

/** Most older versions a cold load tries after a `latest` that does not decode. */
export const MAX_FALLBACK_TRIES = 5;

/** Thrown by a decode: tells a store failure (propagated as is) from an artifact that does not decode. */
export class DecodeFailure extends Error {
  constructor(
    readonly version: string,
    cause: unknown,
  ) {
    super(`decoding version ${version} failed`, { cause });
  }
}

/**
 * Tries the versions of `name` older than `broken`, newest first (pinned ones count as any other), at most
 * {@link MAX_FALLBACK_TRIES}; returns the first that decodes, or undefined when none does.
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
