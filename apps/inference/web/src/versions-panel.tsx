// A model's versions (GET /api/models/{name}/versions) in the consoles' shared panel: when each was published, its
// size and signature, which one serves. Pins are this app's own (a row per model in its database, not a moved
// `latest`): "Serve this version" pins an older one (a rollback, PUT .../pin), "Serve the latest again" unpins.
import { useAdminKey } from '@suite/console/web/admin-key.tsx';
import { api } from '@suite/console/web/api.ts';
import { ModelVersionsPanel, type VersionColumn } from '@suite/console/web/model-versions-panel.tsx';
import type { VersionSource } from '@suite/console/web/version-source.ts';
import { signatureText } from './signature-text.ts';
import { sizeText } from './size-text.ts';
import type { PublishedVersion, VersionListing } from './types.ts';

export interface VersionsPanelProps {
  name: string;
  /** Changes when a version may have been published or pinned elsewhere on the page. */
  refreshKey: unknown;
  /** After a pin or unpin, so the rest of the page follows the serving version. */
  onChanged(): void;
}

type Row = PublishedVersion & { served: boolean; pinned: boolean; latest: boolean };

const COLUMNS: VersionColumn<Row>[] = [
  { heading: 'Published', cell: (v) => v.createdAt.replace('T', ' ').slice(0, 19) },
  { heading: 'Size', cell: (v) => sizeText(v.sizeBytes), title: (v) => `SHA-256 ${v.sha256}` },
  { heading: 'Signature', cell: (v) => signatureText(v.signature), class: 'signature-cell' },
];

/** This app's version routes as the shared panel reads and serves them. */
export function modelPins(name: string): VersionSource<Row> {
  const path = `/api/models/${encodeURIComponent(name)}`;
  return {
    async read() {
      const listing = await api<VersionListing>(`${path}/versions`);
      const versions = listing.versions.map((v) => ({
        ...v,
        served: v.version === listing.serving,
        pinned: v.version === listing.pinned,
        latest: v.version === listing.latest,
      }));
      return { versions, keepVersions: listing.keepVersions };
    },
    serve: (version, headers) => api(`${path}/pin`, { method: 'PUT', body: { version }, headers }),
    unpin: (headers) => api(`${path}/pin`, { method: 'DELETE', headers }),
  };
}

export function VersionsPanel({ name, refreshKey, onChanged }: VersionsPanelProps) {
  const adminKey = useAdminKey();
  return (
    <ModelVersionsPanel<Row>
      heading="Versions"
      modelName={name}
      source={modelPins(name)}
      adminKey={adminKey}
      requireKey
      refreshKey={refreshKey}
      columns={COLUMNS}
      emptyText="No version of this model is stored."
      onChanged={onChanged}
    />
  );
}
