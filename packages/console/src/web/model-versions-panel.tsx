// The model versions panel of the consoles (GET /api/models): each version with what its app says of it, which
// one is served, and a button that serves an older one (POST /api/models/{version}/pin: a rollback that pins it).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, describeError } from './api.ts';

/** One version as GET /api/models lists it; an app's own type adds its metadata. */
export interface ListedVersion {
  version: string;
  served?: boolean;
  pinned?: boolean;
}

/** Props of {@link ModelVersionsPanel}. */
export interface ModelVersionsPanelProps<V extends ListedVersion> {
  /** One model (`?name=` on the list and the pin), or omitted: every model of the app. */
  modelName?: string;
  /** The admin key serving a version needs (x-admin-key). */
  adminKey: string;
  /** Sends the key on the list read too, and reads the list again when the key changes. */
  keyedReads?: boolean;
  /** Disables the serve buttons while no key is given. */
  requireKey?: boolean;
  /** Changes when a new version may be there, so the list is read again. */
  refreshKey: unknown;
  /** Heading of the column that says what each version is, and what it says. */
  describeHeading: string;
  describe(version: V): string;
  /** Shown when nothing is published. */
  emptyText: string;
  /** Every time the list is read: the versions, the served one flagged. */
  onVersions?(versions: V[]): void;
  /** Called when a version is to be served, before the request. */
  onServe?(): void;
  /** Shown under the heading: a note, a field for the key. */
  children?: ComponentChildren;
}

/**
 * @example
 * <ModelVersionsPanel adminKey={key} refreshKey={lastRun} describeHeading="Metrics" describe={metricsOf}
 *   emptyText="No version published yet." />
 */
export function ModelVersionsPanel<V extends ListedVersion>(props: ModelVersionsPanelProps<V>) {
  const { modelName, adminKey, keyedReads = false } = props;
  const [versions, setVersions] = useState<V[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const query = modelName === undefined ? '' : `?name=${encodeURIComponent(modelName)}`;
  const keyHeaders = { 'x-admin-key': adminKey };
  // Only the latest read may write: an earlier one (another model, an older key) answering late is dropped.
  const latestRead = useRef(0);
  const reload = async () => {
    const read = ++latestRead.current;
    try {
      const answer = await api<{ models: Array<{ versions: V[] }> }>(
        `/api/models${query}`,
        keyedReads ? { headers: keyHeaders } : {},
      );
      if (read !== latestRead.current) return;
      const all = answer.models.flatMap((m) => m.versions);
      setVersions(all);
      // A read that succeeds clears what an earlier one failed with, so the panel never shows both.
      setError(undefined);
      props.onVersions?.(all);
    } catch (failure) {
      if (read === latestRead.current) setError(describeError(failure));
    }
  };
  // Another model's list is not this one's: it goes as soon as the model changes, not when the new one arrives.
  useEffect(() => setVersions(undefined), [query]);
  useEffect(() => void reload(), [query, props.refreshKey, keyedReads ? adminKey : undefined]);
  const serve = async (version: string) => {
    setError(undefined);
    props.onServe?.();
    try {
      await api(`/api/models/${encodeURIComponent(version)}/pin${query}`, {
        method: 'POST',
        headers: keyHeaders,
      });
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section class="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Model versions</h2>
      {props.children}
      {error && <p class="error">{error}</p>}
      {versions?.length === 0 && !error && <p class="muted">{props.emptyText}</p>}
      {versions && versions.length > 0 && (
        <table class="stacked">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">{props.describeHeading}</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td data-label={props.describeHeading}>{props.describe(v)}</td>
                <td data-label="State">
                  {[v.served && 'serving', v.pinned && 'pinned'].filter(Boolean).join(', ')}
                </td>
                <td>
                  {!v.served && (
                    <button
                      type="button"
                      class="secondary"
                      disabled={props.requireKey === true && !adminKey}
                      onClick={() => void serve(v.version)}
                    >
                      Serve this version
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
