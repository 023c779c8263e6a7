// A series' model versions (GET /api/models?name=): what each was fitted on and its threshold, which one is served;
// serving an older one pins it (a rollback, until the series' next refit publishes a new version).
import { useEffect, useState } from 'preact/hooks';
import { api, describeError } from '@suite/console/web/api.ts';
import type { ModelVersion } from './types.ts';

const ADMIN_KEY = 'anomaly.adminKey';

const fact = (v: ModelVersion, key: string) => v.metadata[key];
const describe = (v: ModelVersion) =>
  [
    fact(v, 'source') && `from ${String(fact(v, 'source'))}`,
    typeof fact(v, 'trainedRows') === 'number' && `${String(fact(v, 'trainedRows'))} points`,
    typeof fact(v, 'threshold') === 'number' && `threshold ${(fact(v, 'threshold') as number).toFixed(3)}`,
  ]
    .filter(Boolean)
    .join(', ');

export function VersionsPanel({ modelName, refreshKey }: { modelName: string; refreshKey: string | null }) {
  const [versions, setVersions] = useState<ModelVersion[] | undefined>();
  const [adminKey, setAdminKey] = useState(sessionStorage.getItem(ADMIN_KEY) ?? '');
  const [error, setError] = useState<string | undefined>();
  const reload = async () => {
    try {
      const answer = await api<{ models: Array<{ versions: ModelVersion[] }> }>(
        `/api/models?name=${encodeURIComponent(modelName)}`,
      );
      setVersions(answer.models[0]?.versions ?? []);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  // The series' served version (refreshKey) moves with every refit: read the list again then.
  useEffect(() => void reload(), [modelName, refreshKey]);
  const serve = async (version: string) => {
    setError(undefined);
    sessionStorage.setItem(ADMIN_KEY, adminKey);
    try {
      await api(`/api/models/${encodeURIComponent(version)}/pin?name=${encodeURIComponent(modelName)}`, {
        method: 'POST',
        headers: { 'x-admin-key': adminKey },
      });
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section class="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Model versions</h2>
      <p class="muted">
        Serving an older version pins it (a rollback) until the series' next refit publishes a new one.
      </p>
      <label>
        Admin key{' '}
        <input type="password" value={adminKey} onInput={(e) => setAdminKey(e.currentTarget.value)} />
      </label>
      {error && <p class="error">{error}</p>}
      {versions?.length === 0 && !error && <p class="muted">No model published yet (warming up).</p>}
      {versions && versions.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Fitted</th>
              <th scope="col">State</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version}>
                <td>{v.version}</td>
                <td>{describe(v)}</td>
                <td>{[v.served && 'serving', v.pinned && 'pinned'].filter(Boolean).join(', ')}</td>
                <td>
                  {!v.served && (
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
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
