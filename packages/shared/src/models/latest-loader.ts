// How a model cache reaches the version `latest` names, and what it serves when that version cannot be served (it
// does not decode, is not stored, or the pointer is malformed): the newest older version that loads.
import { NotFoundError } from '../errors/index.ts';
import { recordModelFallback } from '../telemetry/suite-metrics.ts';
import type { LatestFailure, LatestFailures } from './latest-failures.ts';
import type { LoadedModel } from './model-cache-types.ts';
import {
  DecodeFailure,
  describeFallback,
  fromStoreRead,
  tryLoadFallback,
  type ModelFallback,
} from './model-fallback.ts';
import type { ModelManifest, ModelStore } from './types.ts';

/** What the loader needs of its cache. */
export interface LatestLoaderOptions<M> {
  label: string;
  store: () => ModelStore;
  /** Reads and decodes one version (a decode error is a DecodeFailure, a checksum failure too). */
  load: (name: string, version: string) => Promise<LoadedModel<M>>;
  failures: LatestFailures;
}

export function createLatestLoader<M>({ label, store, load, failures }: LatestLoaderOptions<M>) {
  /** Remembers that `latest` of `name` cannot be served and counts the fallback; the record health lists. */
  function noteBroken(name: string, failure: DecodeFailure, served: string): ModelFallback {
    const fallback = describeFallback(failure);
    failures.note(name, { failure, fallback });
    recordModelFallback({ model: name, version: served, latest: failure.version, cache: label });
    return fallback;
  }

  /** The manifest `latest` names; a malformed pointer is a DecodeFailure, like an artifact that does not decode. */
  const readLatest = (name: string): Promise<ModelManifest | undefined> =>
    store()
      .latest(name)
      .catch((error: unknown) => Promise.reject(fromStoreRead(error)));

  /** Loads the version `latest` names; one that is not stored is the pointer's fault, a DecodeFailure too. */
  const loadLatest = (name: string, version: string): Promise<LoadedModel<M>> =>
    load(name, version).catch((error: unknown) =>
      Promise.reject(error instanceof NotFoundError ? new DecodeFailure(version, error) : error),
    );

  /** Loads latest; when it cannot be served, the newest older version that can (else the original error). */
  async function loadOrFallBack(name: string): Promise<{ loaded: LoadedModel<M>; fallback?: ModelFallback }> {
    let known: LatestFailure | undefined;
    let failure: DecodeFailure;
    try {
      const latest = await readLatest(name);
      if (!latest) throw new NotFoundError(`Model ${name} has no published version`);
      known = failures.current(name, latest.version);
      if (!known) return { loaded: await loadLatest(name, latest.version) };
      failure = known.failure; // found before (maybe before the model was dropped): not decoded again
    } catch (error) {
      if (!(error instanceof DecodeFailure)) throw error; // a read error: the next get tries latest again
      known = failures.current(name, error.version); // a malformed pointer is read again, and may be known
      failure = error;
    }
    const found = await tryLoadFallback(store(), name, failure.version, (version) => load(name, version));
    if (!found) throw failure.cause;
    const served = found.loaded.version;
    if (known) return { loaded: found.loaded, fallback: known.fallback }; // logged and counted when first found
    console.error(
      `[${label}] model ${name}: version ${found.skipped.join(', ')} does not load; serving ${served} instead`,
      failure.cause,
    );
    return { loaded: found.loaded, fallback: noteBroken(name, failure, served) };
  }

  return { noteBroken, readLatest, loadLatest, loadOrFallBack };
}
