// The model store's vocabulary: a manifest per immutable version, and the interface both backends implement.

/** Describes one immutable, published version of a model artifact. */
export interface ModelManifest {
  /** Model name, `^[a-z0-9][a-z0-9._-]{0,63}$`. */
  name: string;
  /** Sortable version id, `YYYYMMDDTHHMMSSmmmZ-<6 hex>` (UTC time of publish plus a random suffix). */
  version: string;
  /** ISO 8601 time the version was written. */
  createdAt: string;
  /** Artifact length in bytes. */
  sizeBytes: number;
  /** Lower-case hex SHA-256 of the artifact; `load` refuses bytes that do not match. */
  sha256: string;
  /** Free-form JSON the publisher attached (metrics, hyper-parameters, training data range...). */
  metadata: Record<string, unknown>;
}

/** Options of {@link ModelStore.publish}. */
export interface PublishOptions {
  /** JSON-serialisable metadata stored in the manifest. */
  metadata?: Record<string, unknown>;
  /**
   * The version `latest` must still point at for the publish to take effect; `null` means "no version
   * published yet". Omitted: the version `latest` had when publish started. Otherwise a ConflictError.
   */
  expectedLatest?: string | null;
  /**
   * When a publish stores nothing and returns `latest`: when its bytes are the ones given (`same-bytes`, the
   * default: a retrain that reproduces the served model), or only when its metadata is the one given too
   * (`same-bytes-and-metadata`: a publisher re-sending a model with corrected labels gets a version holding them).
   */
  identical?: 'same-bytes' | 'same-bytes-and-metadata';
}

/** An artifact with its manifest, as returned by {@link ModelStore.load}. */
export interface LoadedArtifact {
  manifest: ModelManifest;
  data: Uint8Array;
}

/** Options both backends take. */
export interface ModelStoreOptions {
  /** Versions kept per model besides the pinned ones and `latest` (MODEL_KEEP_VERSIONS); default 10. */
  keepVersions?: number;
  /**
   * Awaited by a publish once it has read `latest` and written its version, just before it moves the pointer.
   * Tests hold publishers here to force an interleaving (all read, then all commit); production leaves it unset.
   */
  beforeCommit?: (name: string) => Promise<void>;
}

/**
 * Immutable model versions plus a `latest` pointer per model name, moved by compare-and-swap.
 * A publish that loses the race throws ConflictError and deletes the version it wrote (nothing referenced it).
 * Publishing the bytes `latest` already holds (same SHA-256) writes nothing and returns the latest manifest
 * (see {@link PublishOptions.identical}).
 */
export interface ModelStore {
  readonly kind: 'fs' | 'blob' | 's3';
  /** Writes a new version, then moves `latest` to it if `latest` is still what the caller expected. */
  publish(name: string, data: Uint8Array, options?: PublishOptions): Promise<ModelManifest>;
  /** The manifest `latest` points at, or undefined when nothing is published under `name`. One small read. */
  latest(name: string): Promise<ModelManifest | undefined>;
  /** The artifact of `version` (default: latest), its SHA-256 verified. NotFoundError when missing. */
  load(name: string, version?: string): Promise<LoadedArtifact>;
  /** Every stored version of `name`, oldest first (a publish that lost its race leaves none behind). */
  versions(name: string): Promise<ModelManifest[]>;
  /**
   * Moves `latest` to an existing `version` by the same compare-and-swap as a publish (serve it; an older one is a
   * rollback). `expectedLatest` as in {@link PublishOptions}; NotFoundError for an unknown version.
   */
  promote(
    name: string,
    version: string,
    options?: Pick<PublishOptions, 'expectedLatest'>,
  ): Promise<ModelManifest>;
  /** Marks (or unmarks) a version pinned: retention never removes a pinned version. NotFoundError when unknown. */
  setPinned(name: string, version: string, pinned: boolean): Promise<void>;
  /** The pinned versions of `name`, sorted. */
  pinned(name: string): Promise<string[]>;
  /**
   * Deletes the versions retention lets go (see `keepVersions` of the store): all but the newest N, the pinned
   * ones, `latest` and newer ones. Runs after every publish; returns the removed ids.
   */
  prune(name: string): Promise<string[]>;
  /** Names that hold at least one version, sorted. */
  list(): Promise<string[]>;
}
