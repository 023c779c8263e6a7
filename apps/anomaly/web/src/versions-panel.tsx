// A series' model versions (GET /api/models?name=): what each was fitted on and its threshold, which one is served;
// serving an older one pins it (a rollback, until the series' next refit publishes a new version).
import { count } from '@suite/console/web/count.ts';
import { useAdminKey } from '@suite/console/web/admin-key.tsx';
import { ModelVersionsPanel } from '@suite/console/web/model-versions-panel.tsx';
import type { ModelVersion } from './types.ts';

const fact = (v: ModelVersion, key: string) => v.metadata[key];
const describe = (v: ModelVersion) =>
  [
    fact(v, 'source') && `from ${String(fact(v, 'source'))}`,
    typeof fact(v, 'trainedRows') === 'number' && count(fact(v, 'trainedRows') as number, 'point'),
    typeof fact(v, 'threshold') === 'number' && `threshold ${(fact(v, 'threshold') as number).toFixed(3)}`,
  ]
    .filter(Boolean)
    .join(', ');

export function VersionsPanel({ modelName, refreshKey }: { modelName: string; refreshKey: string | null }) {
  const adminKey = useAdminKey();
  return (
    // The series' served version (refreshKey) moves with every refit: the list is read again then.
    <ModelVersionsPanel<ModelVersion>
      modelName={modelName}
      adminKey={adminKey}
      requireKey
      refreshKey={refreshKey}
      columns={[{ heading: 'Fitted', cell: describe }]}
      emptyText="No model published yet (warming up)."
    >
      <p class="muted">
        Serving an older version pins it (a rollback) until the series' next refit publishes a new one.
      </p>
    </ModelVersionsPanel>
  );
}
