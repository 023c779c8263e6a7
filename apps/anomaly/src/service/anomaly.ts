// The anomaly service: the one object handlers and timers call. It owns schema readiness, the model source and
// the rules every entry point obeys (validation per point, the webhook self-loop guard, alert retries).
import { getSharedConfig } from '@suite/shared/config';
import { getDb, type Db } from '@suite/shared/db';
import { getModelStore } from '@suite/shared/models';
import { getAnomalyConfig, type AnomalyConfig } from '../config/anomaly-config.ts';
import { ensureAnomalySchema } from '../store/anomaly-schema.ts';
import { listIncidentDeliveries, type AlertDelivery } from '../store/alert-repository.ts';
import { listIncidents, type IncidentStatus, type IncidentSummary } from '../store/incident-repository.ts';
import { isAppModel, listNamedModels, recordModel, seriesOfModel } from '../store/model-repository.ts';
import { listAnomalies, listScores } from '../store/point-repository.ts';
import {
  listSeries,
  setModelVersion,
  setWebhook,
  type IncidentSettings,
  type Range,
  type SeriesSummary,
} from '../store/series-repository.ts';
import { deliverPendingAlerts, type DeliveryReport } from './alert-delivery.ts';
import { closeStaleIncidents } from './incident-sweep.ts';
import { createSeriesModelSource, type SeriesModelSource } from './model-registry.ts';
import { recoverModelRecords } from './model-record-recovery.ts';
import {
  detectWithModel,
  fitNamedModel,
  importOnnxModel,
  type FitRequest,
  type OnnxImportRequest,
} from './named-models.ts';
import { isSeriesModelName, seriesModelName } from './series-model-name.ts';
import { processMetrics, type MetricsReport } from './process-metrics.ts';
import { refitActiveSeries, refitSeries, type RefitResult } from './refit-series.ts';
import type { EdgeSeriesBundle } from '../edge/edge-series.ts';
import { edgeSeriesBundle } from './edge-series-bundle.ts';
import { assertWebhookTarget } from './webhook-target.ts';
import { createWebhookPoster, type WebhookPoster } from './webhook-client.ts';

export interface Anomaly {
  readonly config: AnomalyConfig;
  /** Validates, stores and scores raw points (POST /api/metrics, Event Hubs); alerts get one attempt at once. */
  ingest(raw: readonly unknown[]): Promise<MetricsReport>;
  /** Series with their model's store name (`modelName`, for GET /api/models?name=). */
  listSeries(
    limit: number,
    after?: string,
    prefix?: string,
  ): Promise<Array<SeriesSummary & { modelName: string }>>;
  /** The three reads below answer NotFoundError (404) for a series never seen. */
  anomalies(id: string, range: Range): Promise<Awaited<ReturnType<typeof listAnomalies>>>;
  scores(id: string, range: Range): Promise<Awaited<ReturnType<typeof listScores>>>;
  /** Incidents with the webhook deliveries of their alerts. */
  incidents(
    id: string,
    range: Range & { status: IncidentStatus },
  ): Promise<Array<IncidentSummary & { deliveries: AlertDelivery[] }>>;
  /**
   * Sets or clears the series' webhook and grouping settings. `calledAt` is the URL the request came in on, so a
   * webhook pointing back at this app is refused (400) whatever the entry point.
   */
  setWebhook(id: string, url: string | null, settings: IncidentSettings, calledAt?: string): Promise<void>;
  fitModel(name: string, request: FitRequest): ReturnType<typeof fitNamedModel>;
  /** Publishes a scikit-learn IsolationForest exported to ONNX as the named model `name`, converted to the app's forest. */
  importOnnx(name: string, bytes: Uint8Array, request: OnnxImportRequest): ReturnType<typeof importOnnxModel>;
  /** Where the models live (GET /api/models and pinning act on it). */
  readonly models: SeriesModelSource;
  /** The named models (fitted or imported); series models are not listed, each is reached by its name. */
  namedModels(): Promise<string[]>;
  /** Whether `name` is a model of this app (a named model or a series' model). */
  isModel(name: string): Promise<boolean>;
  /** After a pin moved `latest`: this instance serves it at once, and a series' row names the version served. */
  served(name: string): Promise<void>;
  detect(name: string, rows: number[][]): ReturnType<typeof detectWithModel>;
  refit(series: string): Promise<RefitResult>;
  /** The refit timer: every active series on its latest window. */
  refitActive(): Promise<RefitResult[]>;
  /** The alerts timer: closes incidents of series gone quiet, then sends alerts whose backoff has passed. */
  sweepAlerts(): Promise<{ closeAlertsQueued: number; delivery: DeliveryReport }>;
  /** A series' served model and recent points for scoring on a device (404 unknown, 409 still warming up). */
  edgeSeries(id: string): Promise<EdgeSeriesBundle>;
}

export interface AnomalyDeps {
  db: Db;
  models: SeriesModelSource;
  config: AnomalyConfig;
  /** The alert client; by default one that reaches only what `config.alertAddressPolicy` allows. */
  poster?: WebhookPoster;
}

export function createAnomaly(deps: AnomalyDeps): Anomaly {
  const { db, models, config } = deps;
  const poster = deps.poster ?? createWebhookPoster(config.alertAddressPolicy);
  const pipeline = { db, models, config, poster };
  // Once per instance, after the migrations: records of publishes whose process died before writing them.
  let recovered: Promise<unknown> | undefined;
  const ready = async () => {
    await ensureAnomalySchema(db);
    recovered ??= recoverModelRecords(db, models).catch((error: unknown) => {
      recovered = undefined; // the next call retries; the ingest goes on (readers look in the store meanwhile)
      console.error('[anomaly] recovering model records failed', error);
    });
    await recovered;
  };
  const deliveryOptions = {
    maxAttempts: config.alertMaxAttempts,
    backoffSeconds: config.alertBackoffSeconds,
    timeoutMs: config.alertTimeoutMs,
    poster,
  };
  return {
    config,
    async ingest(raw) {
      await ready();
      return processMetrics(raw, pipeline);
    },
    async listSeries(limit, after, prefix) {
      await ready();
      const series = await listSeries(db, limit, after, prefix);
      return series.map((s) => ({ ...s, modelName: seriesModelName(s.id) }));
    },
    async anomalies(id, range) {
      await ready();
      return listAnomalies(db, id, range);
    },
    async scores(id, range) {
      await ready();
      return listScores(db, id, range);
    },
    async incidents(id, range) {
      await ready();
      const incidents = await listIncidents(db, id, range);
      const deliveries = await listIncidentDeliveries(
        db,
        incidents.map((i) => Number(i.id)),
      );
      return incidents.map((i) => ({ ...i, deliveries: deliveries.get(Number(i.id)) ?? [] }));
    },
    async setWebhook(id, url, settings, calledAt) {
      if (url !== null) await assertWebhookTarget(url, calledAt, config);
      await ready();
      await setWebhook(db, id, url, settings);
    },
    models,
    async fitModel(name, request) {
      await ready();
      const fitted = await fitNamedModel(models, name, request);
      await recordModel(db, name, 'fit');
      return fitted;
    },
    async importOnnx(name, bytes, request) {
      await ready();
      const imported = await importOnnxModel(models, name, bytes, request);
      await recordModel(db, name, 'onnx');
      return imported;
    },
    async namedModels() {
      await ready();
      return listNamedModels(db);
    },
    async isModel(name) {
      await ready();
      return (await isAppModel(db, name)) || isSeriesModelName(db, name);
    },
    async served(name) {
      await ready();
      const [loaded, series] = await Promise.all([models.reload(name), seriesOfModel(db, name)]);
      if (series !== undefined) await setModelVersion(db, series, loaded.version, name);
    },
    detect: (name, rows) => detectWithModel(models, name, rows),
    async refit(series) {
      await ready();
      return refitSeries(db, models, config, series);
    },
    async refitActive() {
      await ready();
      await recoverModelRecords(db, models);
      return refitActiveSeries(db, models, config);
    },
    async edgeSeries(id) {
      await ready();
      return edgeSeriesBundle(db, models, config, id);
    },
    async sweepAlerts() {
      await ready();
      const closed = await closeStaleIncidents(db, config);
      const delivery = await deliverPendingAlerts(db, { ...deliveryOptions, limit: 200 });
      return { closeAlertsQueued: closed.length, delivery };
    },
  };
}

let instance: Anomaly | undefined;

/** The app's service (lazy singleton on the shared database, model store and config). */
export function getAnomaly(): Anomaly {
  instance ??= createAnomaly({
    db: getDb(),
    models: createSeriesModelSource(getModelStore, getSharedConfig().modelRefreshSeconds * 1000),
    config: getAnomalyConfig(),
  });
  return instance;
}

/** Replace (tests) or forget the singleton. */
export function resetAnomaly(next?: Anomaly): void {
  instance = next;
}
