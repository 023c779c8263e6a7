// Which versions of a model exist and which one serves: the listing, and the pin that overrides the latest, kept in
// the database and marked in the store too, so the store's retention never removes the version that serves.
import type { Db } from '@suite/shared/db';
import { NotFoundError } from '@suite/shared/errors';
import { DEFAULT_KEEP_VERSIONS, tryReadLatest, type ModelStore } from '@suite/shared/models';
import type { Signature } from '../runtime/signature.ts';
import { clearPin, getPin, setPin } from '../store/pin-repository.ts';

export interface PublishedVersion {
  name: string;
  version: string;
  createdAt: string;
  sizeBytes: number;
  sha256: string;
  signature: Signature;
  metadata: Record<string, unknown>;
}

export interface VersionListing {
  name: string;
  /** MODEL_KEEP_VERSIONS: the newest this many versions are kept, plus the pinned one and the latest. */
  keepVersions: number;
  latest: string | null;
  pinned: string | null;
  /** The version predictions use: the pin, else the latest. */
  serving: string | null;
  versions: Omit<PublishedVersion, 'name'>[];
}

/** One model as the list of every model gives it: what serves, and the serving version's signature. */
export interface ModelSummary {
  name: string;
  latest: string | null;
  pinned: string | null;
  serving: string | null;
  versionCount: number;
  /** Of the serving version. */
  signature: Signature | null;
  metadata: Record<string, unknown>;
}

export interface VersionPinsDeps {
  db: Db;
  store: () => ModelStore;
  /** Resolves once the pins table exists. */
  schema: () => Promise<unknown>;
  /** The store's retention (MODEL_KEEP_VERSIONS), reported by the listing; the store itself applies it. */
  keepVersions?: number;
  /** Called after a pin or unpin, so this instance serves the new choice at once. */
  forgetPin: (name: string) => void;
}

export interface VersionPins {
  /** Every model that holds a version, by name. */
  list(): Promise<ModelSummary[]>;
  versions(name: string): Promise<VersionListing>;
  /** Marks the serving pin in the store (before a publish, whose retention runs in the store). */
  markPinned(name: string): Promise<void>;
  /** Serve `version` instead of the latest (404 for a version never published). */
  pin(name: string, version: string): Promise<VersionListing>;
  unpin(name: string): Promise<VersionListing>;
}

function ignoreNotFound(error: unknown): void {
  if (!(error instanceof NotFoundError)) throw error;
}

/**
 * The listing and pins of the inference service.
 * @example const pins = createVersionPins({ db, store: getModelStore, schema, forgetPin: served.forgetPin });
 */
export function createVersionPins(deps: VersionPinsDeps): VersionPins {
  const { db, store, schema } = deps;

  async function versions(name: string): Promise<VersionListing> {
    await schema();
    const [all, latest, pin] = await Promise.all([
      store().versions(name),
      tryReadLatest(store(), name), // a malformed pointer lists as null: the versions stay visible
      getPin(db, name),
    ]);
    if (all.length === 0) throw new NotFoundError(`No model named "${name}" is published.`);
    return {
      name,
      keepVersions: deps.keepVersions ?? DEFAULT_KEEP_VERSIONS,
      latest: latest?.version ?? null,
      pinned: pin?.version ?? null,
      serving: pin?.version ?? latest?.version ?? null,
      versions: all.map((m) => ({
        version: m.version,
        createdAt: m.createdAt,
        sizeBytes: m.sizeBytes,
        sha256: m.sha256,
        signature: m.metadata['signature'] as Signature,
        metadata: (m.metadata['metadata'] as Record<string, unknown> | undefined) ?? {},
      })),
    };
  }

  /** Lets retention remove a version no longer pinned (it goes once MODEL_KEEP_VERSIONS newer ones exist). */
  const unmark = (name: string, version: string) =>
    store().setPinned(name, version, false).catch(ignoreNotFound);

  async function summaryOf(name: string): Promise<ModelSummary | undefined> {
    // A model whose last version went between the store's list and this read is no longer one to show.
    const listing = await versions(name).catch(ignoreNotFound);
    if (!listing) return undefined;
    const { latest, pinned, serving } = listing;
    const served = listing.versions.find((v) => v.version === serving);
    return {
      name,
      latest,
      pinned,
      serving,
      versionCount: listing.versions.length,
      signature: served?.signature ?? null,
      metadata: served?.metadata ?? {},
    };
  }

  return {
    async list() {
      const names = await store().list();
      const summaries = await Promise.all(names.map(summaryOf));
      return summaries.filter((s) => s !== undefined);
    },
    versions,
    async markPinned(name) {
      // The pin that serves lives in the database; marked in the store too, again before each publish for a pin
      // made before marks existed.
      await schema();
      const pin = await getPin(db, name);
      if (pin) await store().setPinned(name, pin.version, true).catch(ignoreNotFound);
    },
    async pin(name, version) {
      const listing = await versions(name);
      if (!listing.versions.some((v) => v.version === version)) {
        throw new NotFoundError(`Model "${name}" has no version "${version}".`);
      }
      // Marked in the store first, so a publish's retention on another instance cannot remove it in between.
      await store().setPinned(name, version, true);
      await setPin(db, name, version);
      deps.forgetPin(name);
      if (listing.pinned !== null && listing.pinned !== version) await unmark(name, listing.pinned);
      return { ...listing, pinned: version, serving: version };
    },
    async unpin(name) {
      await schema();
      const previous = await getPin(db, name);
      await clearPin(db, name);
      deps.forgetPin(name);
      if (previous) await unmark(name, previous.version);
      return versions(name);
    },
  };
}
