// Where a model versions panel reads its versions and what its buttons do. The suite's shared model routes
// (GET /api/models[?name=], POST /api/models/{version}/pin: the pin moves `latest`) are the default; an app whose
// versions live elsewhere (the inference app pins a version per model in its database) brings its own.
import { api } from './api.ts';

/** One version as a panel lists it; an app's own type adds its metadata. */
export interface ListedVersion {
  version: string;
  /** This version answers requests. */
  served?: boolean;
  /** Pinned: kept by retention (the shared routes), or served instead of the latest (the inference app). */
  pinned?: boolean;
  /** `latest` points here; said only where a pin can serve another version. */
  latest?: boolean;
}

/** One read of a model's versions. */
export interface VersionPage<V extends ListedVersion> {
  /** Newest first. */
  versions: V[];
  /** Versions retention keeps per model (MODEL_KEEP_VERSIONS), when the API says. */
  keepVersions?: number;
}

/** How a panel reads the versions and serves one; `headers` carry the admin key (x-admin-key). */
export interface VersionSource<V extends ListedVersion> {
  read(headers: Record<string, string>): Promise<VersionPage<V>>;
  /** Serve `version` (an older one: a rollback). */
  serve(version: string, headers: Record<string, string>): Promise<unknown>;
  /** Serve the latest again, where serving an older version pins it until it is unpinned. */
  unpin?(headers: Record<string, string>): Promise<unknown>;
}

/**
 * The shared model routes of one model (`?name=`), or of every model of the app when `modelName` is omitted.
 * @example <ModelVersionsPanel source={sharedModelRoutes('cpu.web-1')} ... />
 */
export function sharedModelRoutes<V extends ListedVersion>(modelName?: string): VersionSource<V> {
  const query = modelName === undefined ? '' : `?name=${encodeURIComponent(modelName)}`;
  return {
    async read(headers) {
      const answer = await api<{ keepVersions?: number; models: Array<{ versions: V[] }> }>(
        `/api/models${query}`,
        { headers },
      );
      return { versions: answer.models.flatMap((m) => m.versions), keepVersions: answer.keepVersions };
    },
    serve: (version, headers) =>
      api(`/api/models/${encodeURIComponent(version)}/pin${query}`, { method: 'POST', headers }),
  };
}
