// A model's versions (GET /api/models/{name}/versions): when each was published, its size and signature, which
// one serves; "Serve this version" pins an older one (a rollback, PUT .../pin), "Serve the latest" unpins.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '@suite/console/web/api.ts';
import { problemText } from './problem-text.ts';
import { AdminKeyField } from './admin-key.tsx';
import { signatureText } from './signature-text.ts';
import type { VersionListing } from './types.ts';

export interface VersionsPanelProps {
  name: string;
  adminKey: string;
  onAdminKey(key: string): void;
  /** Changes when a version may have been published or pinned elsewhere on the page. */
  refreshKey: unknown;
  /** After a pin or unpin, so the rest of the page follows the serving version. */
  onChanged(): void;
}

const sizeText = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 ** 2
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 ** 2).toFixed(1)} MB`;

export function VersionsPanel({ name, adminKey, onAdminKey, refreshKey, onChanged }: VersionsPanelProps) {
  const [listing, setListing] = useState<VersionListing | undefined>();
  const [error, setError] = useState<string | undefined>();
  const path = `/api/models/${encodeURIComponent(name)}`;
  // Only the latest read may write: one for an earlier state answering late is dropped.
  const latestRead = useRef(0);
  const reload = async () => {
    const read = ++latestRead.current;
    try {
      const next = await api<VersionListing>(`${path}/versions`);
      if (read !== latestRead.current) return;
      setListing(next);
      setError(undefined);
    } catch (failure) {
      if (read === latestRead.current) setError(problemText(failure));
    }
  };
  useEffect(() => void reload(), [name, refreshKey]);
  const change = async (request: Promise<unknown>) => {
    setError(undefined);
    try {
      await request;
      onChanged();
      await reload();
    } catch (failure) {
      setError(problemText(failure));
    }
  };
  const headers = { 'x-admin-key': adminKey };
  const serve = (version: string) =>
    change(api(`${path}/pin`, { method: 'PUT', body: { version }, headers }));
  const unpin = () => change(api(`${path}/pin`, { method: 'DELETE', headers }));
  return (
    <section class="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Versions</h2>
      <div class="row">
        <AdminKeyField value={adminKey} onChange={onAdminKey} />
        {listing?.pinned && (
          <button type="button" class="secondary" disabled={!adminKey} onClick={() => void unpin()}>
            Serve the latest again
          </button>
        )}
      </div>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {listing && (
        <table class="stacked" data-testid="versions">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Published</th>
              <th scope="col">Size</th>
              <th scope="col">Signature</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {listing.versions.map((v) => {
              const serving = v.version === listing.serving;
              return (
                <tr key={v.version} data-version={v.version}>
                  <td>{v.version}</td>
                  <td data-label="Published">{v.createdAt.replace('T', ' ').slice(0, 19)}</td>
                  <td data-label="Size" title={`SHA-256 ${v.sha256}`}>
                    {sizeText(v.sizeBytes)}
                  </td>
                  <td data-label="Signature" class="signature-cell">
                    {signatureText(v.signature)}
                  </td>
                  <td data-label="State">
                    {[
                      serving && 'serving',
                      v.version === listing.pinned && 'pinned',
                      v.version === listing.latest && 'latest',
                    ]
                      .filter(Boolean)
                      .join(', ')}
                  </td>
                  <td>
                    {!serving && (
                      <button
                        type="button"
                        class="secondary"
                        disabled={!adminKey}
                        onClick={() => void serve(v.version)}
                      >
                        Serve this version
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {listing && (
        <p class="muted">
          The newest {listing.keepVersions} versions are kept, besides the latest and the pinned one.
        </p>
      )}
    </section>
  );
}
