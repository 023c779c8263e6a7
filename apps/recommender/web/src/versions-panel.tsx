// Model versions with their metrics (GET /api/models); serving an older one pins it (a rollback).
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import { adminHeaders } from './train-client.ts';
import type { ModelVersion } from './types.ts';

interface ModelsAnswer {
  models: Array<{ name: string; served: string | null; versions: ModelVersion[] }>;
}

/** The numeric validation metrics a training run stored with its version. */
const metricsOf = (v: ModelVersion) =>
  Object.entries(v.metadata?.validation ?? {})
    .filter(([, value]) => typeof value === 'number')
    .map(([name, value]) => `${name} ${name === 'count' ? value : value.toFixed(4)}`)
    .join(', ');

export interface VersionsPanelProps {
  adminKey: string;
  /** Changes when a run published a version, so the list is read again. */
  refreshKey: string | undefined;
  /** Every time the list is read: the versions, the served one flagged. */
  onVersions(versions: ModelVersion[]): void;
}

export function VersionsPanel({ adminKey, refreshKey, onVersions }: VersionsPanelProps) {
  const [versions, setVersions] = useState<ModelVersion[]>([]);
  const [error, setError] = useState<string | undefined>();
  const reload = async () => {
    try {
      const answer = await api<ModelsAnswer>('/api/models', { headers: adminHeaders(adminKey) });
      const all = answer.models.flatMap((m) => m.versions);
      setVersions(all);
      onVersions(all);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useEffect(() => void reload(), [refreshKey, adminKey]);
  const serve = async (version: string) => {
    setError(undefined);
    try {
      await api(`/api/models/${encodeURIComponent(version)}/pin`, {
        method: 'POST',
        headers: adminHeaders(adminKey),
      });
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section class="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Model versions</h2>
      {error && <p class="error">{error}</p>}
      {versions.length === 0 && !error && <p class="muted">No version published yet.</p>}
      {versions.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Metrics</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{metricsOf(v)}</td>
                <td>{[v.served && 'serving', v.pinned && 'pinned'].filter(Boolean).join(', ')}</td>
                <td class="row">
                  {!v.served && (
                    <button type="button" class="secondary" onClick={() => void serve(v.version)}>
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
