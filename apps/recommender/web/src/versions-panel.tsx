// Model versions with their metrics, pin and roll back: shown once the API lists them (issue 13; found through
// its /api/openapi.json), a note otherwise.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, tryApi } from '@suite/console/web/api.ts';
import { adminHeaders } from './train-client.ts';

interface Version {
  version: string;
  createdAt?: string;
  pinned?: boolean;
  current?: boolean;
  metrics?: Record<string, number>;
}

interface Routes {
  list: string;
  pin?: string;
  rollback?: string;
}

/** The versions routes the OpenAPI document lists, if any. */
async function findRoutes(): Promise<Routes | undefined> {
  const doc = await tryApi<{ paths?: Record<string, Record<string, unknown>> }>('/api/openapi.json').catch(
    () => undefined,
  );
  const paths = Object.entries(doc?.paths ?? {});
  const list = paths.find(([path, ops]) => /\/versions$/.test(path) && 'get' in ops)?.[0];
  if (!list) return undefined;
  return {
    list,
    pin: paths.find(([path, ops]) => /\/pin$/.test(path) && 'post' in ops)?.[0],
    rollback: paths.find(([path, ops]) => /\/rollback$/.test(path) && 'post' in ops)?.[0],
  };
}

const fill = (route: string, version: string) =>
  route.replace(/\{[^}]*version[^}]*\}/i, encodeURIComponent(version));

export function VersionsPanel({
  adminKey,
  refreshKey,
}: {
  adminKey: string;
  refreshKey: string | undefined;
}) {
  const [routes, setRoutes] = useState<Routes | null | undefined>(undefined);
  const [versions, setVersions] = useState<Version[]>([]);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => void findRoutes().then((found) => setRoutes(found ?? null)), []);
  const reload = async () => {
    if (!routes) return;
    try {
      const answer = await api<Version[] | { versions: Version[] }>(routes.list, {
        headers: adminHeaders(adminKey),
      });
      setVersions(Array.isArray(answer) ? answer : answer.versions);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useEffect(() => void reload(), [routes, refreshKey, adminKey]);
  const act = async (route: string, version: string) => {
    setError(undefined);
    try {
      await api(fill(route, version), { method: 'POST', body: { version }, headers: adminHeaders(adminKey) });
      await reload();
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <section class="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">Model versions</h2>
      {routes === null && (
        <p class="muted">
          This version of the API does not list model versions; they show here once it does (issue 13).
        </p>
      )}
      {error && <p class="error">{error}</p>}
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
                <td>
                  {Object.entries(v.metrics ?? {})
                    .map(
                      ([name, value]) =>
                        `${name} ${typeof value === 'number' ? value.toFixed(4) : String(value)}`,
                    )
                    .join(', ')}
                </td>
                <td>{[v.current && 'serving', v.pinned && 'pinned'].filter(Boolean).join(', ')}</td>
                <td class="row">
                  {routes?.pin && (
                    <button type="button" class="secondary" onClick={() => void act(routes.pin!, v.version)}>
                      Pin
                    </button>
                  )}
                  {routes?.rollback && !v.current && (
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => void act(routes.rollback!, v.version)}
                    >
                      Roll back to this
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
