// Finishes the records of publishes whose process died between writing the model store and the series row.
import type { Db } from '@suite/shared/db';
import { listUnrecordedPublishes, recordModelPublish } from '../store/model-record-repository.ts';
import type { SeriesModelSource } from './model-registry.ts';
import { seriesModelName } from './series-model-name.ts';

/** A publish marked longer ago than this is taken as dead: no live publish to the store takes that long. */
export const UNRECORDED_PUBLISH_SECONDS = 120;

/**
 * For each series marked as publishing for longer than `olderThanSeconds`, records what the store's `latest` holds
 * (its version and the points it was fitted on, from its manifest) and clears the mark: run when an instance starts
 * and by the refit timer. A younger mark may belong to a publish still running on another instance; until it is
 * recovered, readers look the series' model up in the store anyway (`seriesWithModel`).
 */
export async function recoverModelRecords(
  db: Db,
  models: SeriesModelSource,
  olderThanSeconds = UNRECORDED_PUBLISH_SECONDS,
  limit = 200,
): Promise<string[]> {
  const recovered: string[] = [];
  for (const { series, started } of await listUnrecordedPublishes(db, olderThanSeconds, limit)) {
    if (await recordStoreLatest(db, models, series, started)) recovered.push(series);
  }
  return recovered;
}

/**
 * Records the version and points of the series' `latest` in the store (if any) and clears the publish mark
 * `started` when it is still the row's: what a publish that was superseded, or one recovered, leaves behind. A
 * superseded publish's claim replaced the mark of any earlier publish that died before recording, so it records
 * what that one published instead of leaving the row with neither a version nor a mark. Returns whether the store
 * held a model.
 */
export async function recordStoreLatest(
  db: Db,
  models: SeriesModelSource,
  series: string,
  started: string,
): Promise<boolean> {
  const latest = await models.store().latest(seriesModelName(series));
  const points = latest?.metadata.points;
  await recordModelPublish(
    db,
    series,
    seriesModelName(series),
    latest && { version: latest.version, points: typeof points === 'number' ? points : 0 },
    started,
  );
  return latest !== undefined;
}
