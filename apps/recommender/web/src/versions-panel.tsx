// Model versions with their kind, training method and metrics (GET /api/models); serving an older one pins it (a
// rollback).
import { ModelVersionsPanel } from '@suite/console/web/model-versions-panel.tsx';
import type { ModelVersion } from './types.ts';

/** The numeric validation metrics a training run stored with its version. */
const metricsOf = (v: ModelVersion) =>
  Object.entries(v.metadata?.validation ?? {})
    .filter(([, value]) => typeof value === 'number')
    .map(([name, value]) => `${name} ${name === 'count' ? value : value.toFixed(4)}`)
    .join(', ');

/** Where a version was trained when not in one process (versions before the fit method named it said `pipeline`). */
const whereOf = (v: ModelVersion) =>
  v.metadata?.distributed
    ? 'distributed'
    : v.metadata?.pipelineRun && v.metadata.method !== 'pipeline'
      ? 'pipeline'
      : '';

/**
 * What model a version is and what fitted it: the optimiser (`fm, adagrad`), `mcmc` or `als`, and where when not
 * in one process (`mf, adagrad, pipeline`; `fm, sgd, distributed`).
 */
const modelOf = (v: ModelVersion) =>
  [v.metadata?.kind, v.metadata?.method, whereOf(v)].filter(Boolean).join(', ');

export interface VersionsPanelProps {
  adminKey: string;
  /** Changes when a run published a version, so the list is read again. */
  refreshKey: string | undefined;
  /** Every time the list is read: the versions, the served one flagged. */
  onVersions(versions: ModelVersion[]): void;
}

export function VersionsPanel({ adminKey, refreshKey, onVersions }: VersionsPanelProps) {
  return (
    <ModelVersionsPanel<ModelVersion>
      adminKey={adminKey}
      keyedReads
      refreshKey={refreshKey}
      columns={[
        { heading: 'Model', cell: modelOf },
        { heading: 'Metrics', cell: metricsOf },
      ]}
      emptyText="No version published yet."
      onVersions={onVersions}
    />
  );
}
