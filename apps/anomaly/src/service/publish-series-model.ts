// Publishes a series' model fitted outside its lock, in an order a crash cannot break: mark, publish, record.
import type { Db } from '@suite/shared/db';
import type { SeriesModel } from '../stream/series-detector.ts';
import { claimModelPublish, recordModelPublish } from '../store/model-record-repository.ts';
import { recordStoreLatest } from './model-record-recovery.ts';
import type { SeriesModelSource } from './model-registry.ts';
import { seriesModelName } from './series-model-name.ts';

/**
 * Publishes `model`, fitted from the series' data as it stood at `points` stored points, unless a model fitted on
 * more points is served already; returns its version, or undefined when it was not needed any more (superseded).
 *
 * The fit ran without the series lock, so the lock is taken again to check the model is still needed and to mark
 * the publish started (committed); the store publishes only over a `latest` fitted on as many points or fewer (a
 * slow fit never replaces a newer model); the record then names the version and clears the mark. A process killed
 * between the publish and the record leaves the mark, so other instances still read the series' model from the
 * store, and `recoverModelRecords` writes the record later.
 *
 * @example
 * const version = await publishSeriesModel(db, models, 'cpu.web-1', fitted, 4096, 'refit');
 */
export async function publishSeriesModel(
  db: Db,
  models: SeriesModelSource,
  series: string,
  model: SeriesModel,
  points: number,
  source: 'ingest' | 'refit',
): Promise<string | undefined> {
  const started = await claimModelPublish(db, series, points);
  if (started === undefined) return undefined;
  // A store error leaves the mark: whether `latest` moved is unknown, and recovery looks.
  const version = await models.publishIfNewer(series, model, points, { source });
  // Superseded: the claim above replaced the mark of any publish that died before its record, so record what the
  // store serves (that one's model, or a live rival's, which records the same) rather than clear the mark alone.
  if (version === undefined) await recordStoreLatest(db, models, series, started);
  else await recordModelPublish(db, series, seriesModelName(series), { version, points }, started);
  return version;
}
