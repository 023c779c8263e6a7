// The model versions panel of the consoles: each version with what its app says of it, which one is served, a
// button that serves an older one (a rollback) and, where a pin holds until it is lifted, one that serves the
// latest again. Where the versions come from and what serving means is the VersionSource's (version-source.ts).
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { problemText } from './api.ts';
import { sharedModelRoutes, type ListedVersion, type VersionSource } from './version-source.ts';

export type { ListedVersion, VersionSource } from './version-source.ts';

/** A column between the version and its state: a heading, and what each version shows under it. */
export interface VersionColumn<V> {
  heading: string;
  cell(version: V): ComponentChildren;
  /** The cell's tooltip (a digest behind a size). */
  title?(version: V): string;
  /** The cell's class (`signature-cell`: long text that wraps anywhere). */
  class?: string;
}

/** Props of {@link ModelVersionsPanel}. */
export interface ModelVersionsPanelProps<V extends ListedVersion> {
  /** Default "Model versions". */
  heading?: string;
  /** The model whose versions are listed; a new name empties the table at once. Omitted: every model. */
  modelName?: string;
  /** Default: the shared model routes of `modelName` ({@link sharedModelRoutes}). */
  source?: VersionSource<V>;
  /** The admin key serving a version needs (x-admin-key). */
  adminKey: string;
  /** Sends the key on the list read too, and reads the list again when the key changes. */
  keyedReads?: boolean;
  /** Disables the serve buttons while no key is given. */
  requireKey?: boolean;
  /** Changes when a new version may be there, so the list is read again. */
  refreshKey: unknown;
  columns: VersionColumn<V>[];
  /** Shown when nothing is published. */
  emptyText: string;
  /** Every time the list is read: the versions, the served one flagged. */
  onVersions?(versions: V[]): void;
  /** Called when a version is to be served, before the request. */
  onServe?(): void;
  /** After a version was served or the latest restored, so the rest of the page follows. */
  onChanged?(): void;
  /** Shown under the heading: a note. */
  children?: ComponentChildren;
}

const stateOf = (v: ListedVersion) =>
  [v.served && 'serving', v.pinned && 'pinned', v.latest && 'latest'].filter(Boolean).join(', ');

/**
 * @example
 * <ModelVersionsPanel adminKey={key} refreshKey={lastRun} emptyText="No version published yet."
 *   columns={[{ heading: 'Metrics', cell: metricsOf }]} />
 */
export function ModelVersionsPanel<V extends ListedVersion>(props: ModelVersionsPanelProps<V>) {
  const { modelName, adminKey, keyedReads = false, columns } = props;
  const source = props.source ?? sharedModelRoutes<V>(modelName);
  const [versions, setVersions] = useState<V[] | undefined>();
  const [keep, setKeep] = useState<number | undefined>();
  const [error, setError] = useState<string | undefined>();
  const keyHeaders = { 'x-admin-key': adminKey };
  // Only the latest read may write: an earlier one (another model, an older key) answering late is dropped.
  const latestRead = useRef(0);
  const reload = async () => {
    const read = ++latestRead.current;
    try {
      const page = await source.read(keyedReads ? keyHeaders : {});
      if (read !== latestRead.current) return;
      setVersions(page.versions);
      setKeep(page.keepVersions);
      // A read that succeeds clears what an earlier one failed with, so the panel never shows both.
      setError(undefined);
      props.onVersions?.(page.versions);
    } catch (failure) {
      if (read === latestRead.current) setError(problemText(failure));
    }
  };
  // Another model's list is not this one's: it goes as soon as the model changes, not when the new one arrives.
  useEffect(() => setVersions(undefined), [modelName]);
  useEffect(() => void reload(), [modelName, props.refreshKey, keyedReads ? adminKey : undefined]);
  // What the last serve or unpin did. Its button goes away with it (the row is served now): the keyboard moves on to
  // this status, not back to the top of the page.
  const [done, setDone] = useState<string | undefined>();
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);
  const change = async (request: () => Promise<unknown>, said: string) => {
    setError(undefined);
    setDone(undefined);
    try {
      await request();
      props.onChanged?.();
      await reload();
      setDone(said);
    } catch (failure) {
      setError(problemText(failure));
    }
  };
  const serve = (version: string) => {
    props.onServe?.();
    return change(() => source.serve(version, keyHeaders), `Version ${version} is served now.`);
  };
  const unpin = source.unpin;
  const keyMissing = props.requireKey === true && !adminKey;
  return (
    <section class="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{props.heading ?? 'Model versions'}</h2>
      {props.children}
      {unpin && versions?.some((v) => v.pinned) && (
        <p>
          <button
            type="button"
            class="secondary"
            disabled={keyMissing}
            onClick={() => void change(() => unpin(keyHeaders), 'The latest version is served again.')}
          >
            Serve the latest again
          </button>
        </p>
      )}
      <p role="status" tabIndex={-1} ref={status}>
        {done}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {versions?.length === 0 && !error && <p class="muted">{props.emptyText}</p>}
      {versions && versions.length > 0 && (
        <table class="stacked" data-testid="versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              {columns.map((c) => (
                <th key={c.heading} scope="col">
                  {c.heading}
                </th>
              ))}
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-version={v.version}>
                <td>{v.version}</td>
                {columns.map((c) => (
                  <td key={c.heading} data-label={c.heading} class={c.class} title={c.title?.(v)}>
                    {c.cell(v)}
                  </td>
                ))}
                <td data-label="State">{stateOf(v)}</td>
                <td>
                  {!v.served && (
                    <button
                      type="button"
                      class="secondary"
                      disabled={keyMissing}
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
      {versions && versions.length > 0 && keep !== undefined && (
        <p class="muted">The newest {keep} versions are kept, besides the latest and the pinned ones.</p>
      )}
    </section>
  );
}
