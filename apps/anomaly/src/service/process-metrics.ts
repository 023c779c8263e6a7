// The metrics pipeline shared by POST /api/metrics and the Event Hubs trigger: validate, ingest, alert.
import type { Db } from '@suite/shared/db';
import { recordAnomaliesRaised } from '@suite/shared/telemetry';
import { deliverPendingAlerts, type DeliveryReport } from './alert-delivery.ts';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { ingestPoints, type PointOutcome } from './ingest-points.ts';
import type { SeriesModelSource } from './model-registry.ts';
import { validatePoints, type RejectedPoint } from './point-validation.ts';
import type { WebhookPoster } from './webhook-client.ts';

export type PointResult =
  PointOutcome | { index: number; status: 'rejected'; field: RejectedPoint['field']; reason: string };

export interface MetricsReport {
  stored: number;
  duplicates: number;
  /** Points whose timestamp was already stored with another value; the stored value is kept. */
  conflicts: number;
  rejected: number;
  anomalies: number;
  alerts: DeliveryReport;
  results: PointResult[];
}

export interface MetricsDeps {
  db: Db;
  models: SeriesModelSource;
  config: AnomalyConfig;
  poster: WebhookPoster;
}

/** Runs the whole pipeline on a migrated database; alerts queued by it (one per incident) get one immediate attempt, the timer retries. */
export async function processMetrics(raw: readonly unknown[], deps: MetricsDeps): Promise<MetricsReport> {
  const { points, rejected } = validatePoints(raw);
  const { outcomes, anomalyIds, alertIds } =
    points.length > 0 ? await ingestPoints(points, deps) : { outcomes: [], anomalyIds: [], alertIds: [] };
  recordAnomaliesRaised(anomalyIds.length, { app: 'anomaly' });
  const alerts =
    alertIds.length > 0
      ? await deliverPendingAlerts(deps.db, {
          maxAttempts: deps.config.alertMaxAttempts,
          backoffSeconds: deps.config.alertBackoffSeconds,
          timeoutMs: deps.config.alertTimeoutMs,
          alertIds,
          poster: deps.poster,
        })
      : { delivered: 0, retrying: 0, failed: 0 };
  const results: PointResult[] = [
    ...outcomes,
    ...rejected.map((r) => ({
      index: r.index,
      status: 'rejected' as const,
      field: r.field,
      reason: r.reason,
    })),
  ].sort((a, b) => a.index - b.index);
  return {
    stored: outcomes.filter((o) => o.status === 'stored').length,
    duplicates: outcomes.filter((o) => o.status === 'duplicate').length,
    conflicts: outcomes.filter((o) => o.status === 'conflict').length,
    rejected: rejected.length,
    anomalies: anomalyIds.length,
    alerts,
    results,
  };
}
