// The offline bundle of one series: its served model, the stored points scoring depends on, the settings.
import type { Db } from '@suite/shared/db';
import { ConflictError } from '@suite/shared/errors';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import type { EdgeSeriesBundle } from '../edge/edge-series.ts';
import { SCORING_HISTORY } from '../stream/score-after-history.ts';
import { readRecentPoints } from '../store/point-repository.ts';
import { assertSeries } from '../store/series-repository.ts';
import type { SeriesModelSource } from './model-registry.ts';
import { encodeSeriesModel } from './series-model-codec.ts';

export async function edgeSeriesBundle(
  db: Db,
  models: SeriesModelSource,
  config: AnomalyConfig,
  id: string,
): Promise<EdgeSeriesBundle> {
  await assertSeries(db, id);
  const served = await models.get(id);
  if (!served)
    throw new ConflictError(`series ${id} is still warming up: it has no model to score with yet`, {
      series: id,
    });
  return {
    series: id,
    modelVersion: served.version,
    model: Buffer.from(encodeSeriesModel(served.model)).toString('base64'),
    history: await readRecentPoints(db, id, SCORING_HISTORY),
    settings: {
      windowSize: config.windowSize,
      minPoints: config.minPoints,
      zThreshold: config.zThreshold,
      nTrees: config.nTrees,
    },
  };
}
