// Per-series models in the shared ModelStore, served through one warm ModelCache per instance.
import { ConflictError, NotFoundError } from '@suite/shared/errors';
import { createModelCache, getModelStore, type ModelCache, type ModelStore } from '@suite/shared/models';
import type { SeriesModel } from '../stream/series-detector.ts';
import { decodeSeriesModel, encodeSeriesModel } from './series-model-codec.ts';
import { seriesModelName } from './series-model-name.ts';

/** Where ingestion and the refit timer get and put models; tests pass one over a temporary store. */
export interface SeriesModelSource {
  /** The latest model of the series, or undefined when none was published yet. */
  get(seriesId: string): Promise<{ model: SeriesModel; version: string } | undefined>;
  /** Whether this instance holds the series' model already (warm), without loading or refreshing it. */
  holds(seriesId: string): boolean;
  publish(seriesId: string, model: SeriesModel, metadata?: Record<string, unknown>): Promise<string>;
  /**
   * `publish`, or undefined when another publisher (a concurrent ingest of the series, the refit timer, another
   * instance) moved `latest` first: its model serves, fitted on the same stored points, and this one is dropped.
   */
  tryPublish(
    seriesId: string,
    model: SeriesModel,
    metadata?: Record<string, unknown>,
  ): Promise<string | undefined>;
  /**
   * Publishes the series' model fitted on its data at `points` stored points, unless `latest` holds one fitted on
   * more (recorded in its manifest as `points`) or moves during the publish: undefined then, and nothing is left.
   */
  publishIfNewer(
    seriesId: string,
    model: SeriesModel,
    points: number,
    metadata?: Record<string, unknown>,
  ): Promise<string | undefined>;
  /** Any published calibrated model by its store name (for POST /api/detect). */
  getNamed(name: string): Promise<{ model: SeriesModel; version: string }>;
  publishNamed(name: string, model: SeriesModel, metadata?: Record<string, unknown>): Promise<string>;
  /** The store behind it (the model-version endpoints list, pin and unpin there). */
  store(): ModelStore;
  /** Loads what `latest` points at now (after a pin moved it), so this instance serves it at once. */
  reload(name: string): Promise<{ version: string }>;
}

export function createSeriesModelSource(
  store: ModelStore | (() => ModelStore) = getModelStore,
  refreshIntervalMs = 60_000,
): SeriesModelSource {
  const cache: ModelCache<SeriesModel> = createModelCache({
    store,
    label: 'anomaly',
    decode: (data) => decodeSeriesModel(data),
    maxEntries: 1000,
    refreshIntervalMs,
  });
  const storeOf = () => (typeof store === 'function' ? store() : store);
  const publishNamed = async (
    name: string,
    model: SeriesModel,
    metadata: Record<string, unknown> = {},
    expectedLatest?: string | null,
  ) => {
    const manifest = await storeOf().publish(name, encodeSeriesModel(model), {
      ...(expectedLatest !== undefined && { expectedLatest }),
      metadata: {
        ...metadata,
        trainedRows: model.trainedRows,
        threshold: model.threshold,
        nTrees: model.forest.nTrees,
      },
    });
    cache.set(name, { name, version: manifest.version, model, loadMs: 0, loadedAt: new Date() });
    return manifest.version;
  };
  const getNamed = async (name: string) => {
    const loaded = await cache.get(name);
    return { model: loaded.model, version: loaded.version };
  };
  const publish = (seriesId: string, model: SeriesModel, metadata?: Record<string, unknown>) =>
    publishNamed(seriesModelName(seriesId), model, { series: seriesId, ...metadata });
  return {
    getNamed,
    publishNamed,
    store: storeOf,
    reload: (name) => cache.refresh(name),
    async get(seriesId) {
      try {
        return await getNamed(seriesModelName(seriesId));
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    },
    holds: (seriesId) => cache.peek(seriesModelName(seriesId)) !== undefined,
    publish,
    async publishIfNewer(seriesId, model, points, metadata) {
      const name = seriesModelName(seriesId);
      const latest = await storeOf().latest(name);
      const theirs = latest?.metadata.points;
      if (typeof theirs === 'number' && theirs > points) return undefined;
      try {
        return await publishNamed(
          name,
          model,
          { series: seriesId, ...metadata, points },
          latest?.version ?? null,
        );
      } catch (error) {
        if (error instanceof ConflictError) return undefined;
        throw error;
      }
    },
    async tryPublish(seriesId, model, metadata) {
      try {
        return await publish(seriesId, model, metadata);
      } catch (error) {
        if (error instanceof ConflictError) return undefined;
        throw error;
      }
    },
  };
}
