// A model's versions as clients see them (metrics, which one is served, which are pinned), and pinning: mark a
// version pinned, then move `latest` to it by compare-and-swap, which serves it (an older one is a rollback).
import { ModelPointerError } from './model-naming.ts';
import type { ModelManifest, ModelStore } from './types.ts';

export interface ModelVersionView {
  version: string;
  createdAt: string;
  sizeBytes: number;
  sha256: string;
  /** What the publisher recorded: metrics, options, training facts. */
  metadata: Record<string, unknown>;
  /** `latest` points here: this version is served. */
  served: boolean;
  /** Kept by retention whatever its age. */
  pinned: boolean;
}

export interface ModelView {
  name: string;
  /** The served version, null while nothing is published. */
  served: string | null;
  /** Newest first. */
  versions: ModelVersionView[];
}

/** The versions of `name` with their served and pinned flags. */
export async function describeModel(store: ModelStore, name: string): Promise<ModelView> {
  const [versions, latest, pinned] = await Promise.all([
    store.versions(name),
    tryReadLatest(store, name), // a malformed pointer serves nothing named: the versions stay listable
    store.pinned(name),
  ]);
  const pins = new Set(pinned);
  const served = latest?.version ?? null;
  return {
    name,
    served,
    versions: versions.reverse().map((m) => ({
      version: m.version,
      createdAt: m.createdAt,
      sizeBytes: m.sizeBytes,
      sha256: m.sha256,
      metadata: m.metadata,
      served: m.version === served,
      pinned: pins.has(m.version),
    })),
  };
}

/**
 * The version a trainer publishes on top of (its `expectedLatest`): `latest` of `name`, or undefined when nothing is
 * published or the pointer is malformed (ModelPointerError), which the publish then replaces: a retrain repairs it.
 * @example
 * const base = await tryReadLatest(store, 'chatbot-intents');
 * await store.publish('chatbot-intents', bytes, { expectedLatest: base?.version ?? null });
 */
export async function tryReadLatest(store: ModelStore, name: string): Promise<ModelManifest | undefined> {
  try {
    return await store.latest(name);
  } catch (error) {
    if (error instanceof ModelPointerError) return undefined;
    throw error;
  }
}

/**
 * Pin `version` and serve it. Pinned first, so retention run by a concurrent publish cannot remove it between
 * the two steps. A later publish (training, the retrain timer) serves its new version as usual; the pinned one
 * stays stored, so pinning it again rolls back.
 */
export async function pinVersion(store: ModelStore, name: string, version: string): Promise<ModelManifest> {
  await store.setPinned(name, version, true);
  return store.promote(name, version);
}
