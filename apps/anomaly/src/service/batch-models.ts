// The served models of every series of an ingest batch, in one pass: one query says which series have a model at
// all, so a series still warming up (most of a batch of new one-point series) costs no model-store read.
import type { Queryable } from '@suite/shared/db';
import type { SeriesModel } from '../stream/series-detector.ts';
import { seriesWithModel } from '../store/batch-repository.ts';
import type { SeriesModelSource } from './model-registry.ts';

/** Store reads at once for series whose model this instance does not hold yet. */
const LOAD_CONCURRENCY = 16;

/**
 * The model each series is served with (absent: none yet). A model this instance holds comes from its warm cache
 * (which checks for a newer version as every get does); otherwise the store is read only for a series the
 * database records a model version for (`anomaly_series.model_version`, set after every publish, refit and pin).
 * Before, each series cost a store read, 16 at once, even the new ones that could not have a model: a pointer read
 * that found nothing, for every series of every batch until it warmed up.
 */
export async function getBatchModels(
  db: Queryable,
  models: SeriesModelSource,
  ids: readonly string[],
): Promise<Map<string, SeriesModel>> {
  const warm = ids.filter((id) => models.holds(id));
  const recorded = await seriesWithModel(
    db,
    ids.filter((id) => !models.holds(id)),
  );
  const cold = ids.filter((id) => recorded.has(id));
  const out = new Map<string, SeriesModel>();
  const take = async (chunk: readonly string[]) => {
    const loaded = await Promise.all(chunk.map((id) => models.get(id)));
    chunk.forEach((id, j) => {
      const model = loaded[j]?.model;
      if (model) out.set(id, model);
    });
  };
  await take(warm);
  for (let i = 0; i < cold.length; i += LOAD_CONCURRENCY) await take(cold.slice(i, i + LOAD_CONCURRENCY));
  return out;
}
