// Refits series models on their latest window and publishes them; used by the timer and after big imports.
import { createHash } from 'node:crypto';
import type { Db } from '@suite/shared/db';
import { createRng } from '@suite/shared/ml';
import { createSeriesDetector } from '../stream/series-detector.ts';
import type { AnomalyConfig } from './anomaly-config.ts';
import type { SeriesModelSource } from './model-registry.ts';

export interface RefitResult {
  series: string;
  status: 'published' | 'warming-up';
  version?: string;
  rows: number;
}

/** Fits on the last `windowSize` points of one series, when it has enough of them. */
export async function refitSeries(
  db: Db,
  models: SeriesModelSource,
  config: AnomalyConfig,
  series: string,
): Promise<RefitResult> {
  const rows = await db.query<{ ts: Date; value: number }>(
    'SELECT ts, value FROM anomaly_points WHERE series = $1 ORDER BY ts DESC LIMIT $2',
    [series, config.windowSize],
  );
  const n = rows.rows.length;
  const seed = createHash('sha256').update(`${series}:refit:${n}`).digest().readInt32LE(0);
  const detector = createSeriesDetector(createRng(seed), {
    windowSize: config.windowSize,
    minPoints: config.minPoints,
    zThreshold: config.zThreshold,
    nTrees: config.nTrees,
  });
  for (let i = n - 1; i >= 0; i--)
    detector.observe(new Date(rows.rows[i]!.ts).getTime(), Number(rows.rows[i]!.value));
  if (n < config.minPoints) return { series, status: 'warming-up', rows: n };
  const version = await models.publish(series, detector.refit(), { source: 'refit' });
  await db.query('UPDATE anomaly_series SET model_version = $2, updated_at = now() WHERE id = $1', [
    series,
    version,
  ]);
  return { series, status: 'published', version, rows: n };
}

/** Refits every series with a point in the last `activeHours`, oldest model first, up to `limit`. */
export async function refitActiveSeries(
  db: Db,
  models: SeriesModelSource,
  config: AnomalyConfig,
  limit = 200,
): Promise<RefitResult[]> {
  const active = await db.query<{ id: string }>(
    `SELECT id FROM anomaly_series WHERE last_point_at > now() - make_interval(secs => $1)
     ORDER BY updated_at LIMIT $2`,
    [config.activeHours * 3600, limit],
  );
  const results: RefitResult[] = [];
  for (const { id } of active.rows) results.push(await refitSeries(db, models, config, id));
  return results;
}
