// Model versions with their metrics; serving an older one pins it (a rollback). Found through /api/openapi.json;
// a note when the API has no versions routes.
import { useEffect, useState } from 'preact/hooks';
import { api, describeError, tryApi } from '@suite/console/web/api.ts';
import { adminHeaders } from './train-client.ts';

/** A version as `GET /api/models` lists it (`@suite/shared/models` describeModel). */
interface Version {
  version: string;
  createdAt?: string;
  pinned?: boolean;
  served?: boolean;
  metadata?: { validation?: Record<string, number> | null; kind?: string; method?: string };
}

interface ModelsAnswer {
  models: Array<{ name: string; served: string | null; versions: Version[] }>;
}

interface Routes {
  list: string;
  pin?: string;
}

/** The versions routes the OpenAPI document lists (`/api/models`, `/api/models/{version}/pin`), if any. */
async function findRoutes(): Promise<Routes | undefined> {
  const doc = await tryApi<{ paths?: Record<string, Record<string, unknown>> }>('/api/openapi.json').catch(
    () => undefined,
  );
  const paths = Object.entries(doc?.paths ?? {});
  const list = paths.find(([path, ops]) => /^\/api\/models$/.test(path) && 'get' in ops)?.[0];
  if (!list) return undefined;
  return { list, pin: paths.find(([path, ops]) => /\/pin$/.test(path) && 'post' in ops)?.[0] };
}

const fill = (route: string, version: string) =>
  route.replace(/\{[^}]*version[^}]*\}/i, encodeURIComponent(version));

/** The numeric validation metrics a training run stored with its version. */
const metricsOf = (v: Version) =>
  Object.entries(v.metadata?.validation ?? {})
    .filter(([, value]) => typeof value === 'number')
    .map(([name, value]) => `${name} ${name === 'count' ? value : value.toFixed(4)}`)
    .join(', ');

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
      const answer = await api<ModelsAnswer>(routes.list, { headers: adminHeaders(adminKey) });
      setVersions(answer.models.flatMap((m) => m.versions));
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useEffect(() => void reload(), [routes, refreshKey, adminKey]);
  const act = async (route: string, version: string) => {
    setError(undefined);
    try {
      await api(fill(route, version), { method: 'POST', headers: adminHeaders(adminKey) });
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
                <td>{metricsOf(v)}</td>
                <td>{[v.served && 'serving', v.pinned && 'pinned'].filter(Boolean).join(', ')}</td>
                <td class="row">
                  {routes?.pin && !v.served && (
                    <button type="button" class="secondary" onClick={() => void act(routes.pin!, v.version)}>
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
