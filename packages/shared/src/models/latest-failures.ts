// What a model cache remembers about `latest` versions it could not serve: kept when the model itself is dropped from
// the cache, so loading it again neither decodes the broken version again nor reports it twice. Bounded.
import type { DecodeFailure, ModelFallback } from './model-fallback.ts';

/** A `latest` that could not be served: the failure (thrown again if nothing else loads) and what health lists. */
export interface LatestFailure {
  failure: DecodeFailure;
  fallback: ModelFallback;
}

/** The failures of one cache by model name, at most `limit` (the least recently noted is forgotten first). */
export interface LatestFailures {
  /** The failure noted for `name` while `latest` still names `version`; a failure of another version is forgotten. */
  current(name: string, version: string): LatestFailure | undefined;
  note(name: string, noted: LatestFailure): void;
  /** Forgets `name`, or every model. */
  forget(name?: string): void;
}

/** Failures a cache remembers at least (more for a cache of more than 8 models: 8 per model it holds). */
export const MIN_REMEMBERED_FAILURES = 64;

export function createLatestFailures(limit: number): LatestFailures {
  const failures = new Map<string, LatestFailure>();
  return {
    current(name, version) {
      const noted = failures.get(name);
      if (noted && noted.failure.version !== version) failures.delete(name); // latest moved: no longer promised
      return noted?.failure.version === version ? noted : undefined;
    },
    note(name, noted) {
      failures.delete(name);
      failures.set(name, noted);
      for (const oldest of failures.keys()) {
        if (failures.size <= limit) break;
        failures.delete(oldest);
      }
    },
    forget(name) {
      if (name === undefined) failures.clear();
      else failures.delete(name);
    },
  };
}
