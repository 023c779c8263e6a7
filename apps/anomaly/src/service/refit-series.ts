// Refits series models on their latest window and publishes them; used by the timer and after big imports.
import { createHash } from 'node:crypto';
import type { Db } from '@suite/shared/db';
import { createRng } from '@suite/shared/ml';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { createSeriesDetector } from '../stream/series-detector.ts';
import { readRecentPoints } from '../store/point-repository.ts';
import { listActiveSeries, setModelVersion } from '../store/series-repository.ts';
import { seriesModelName } from './series-model-name.ts';
import type { SeriesModelSource } from './model-registry.ts';

export interface RefitResult {
  series: string;
  /** 'superseded': another publisher moved the series' model first (its version serves). */
  status: 'published' | 'warming-up' | 'superseded';
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
  const window = await readRecentPoints(db, series, config.windowSize);
  const n = window.length;
  const seed = createHash('sha256').update(`${series}:refit:${n}`).digest().readInt32LE(0);
  const detector = createSeriesDetector(createRng(seed), {
    windowSize: config.windowSize,
    minPoints: config.minPoints,
    zThreshold: config.zThreshold,
    nTrees: config.nTrees,
  });
  // The stored scores rebuild the distribution the new model's likelihood is judged against.
  for (const p of window) detector.observe(p.timestampMs, p.value, p.score);
  if (n < config.minPoints) return { series, status: 'warming-up', rows: n };
  // A lost race with an ingest's own refit must not stop the timer's pass over the remaining series.
  const version = await models.tryPublish(series, detector.refit(), { source: 'refit' });
  if (!version) return { series, status: 'superseded', rows: n };
  await setModelVersion(db, series, version, seriesModelName(series));
  return { series, status: 'published', version, rows: n };
}

/** Refits every series with a point in the last `activeHours`, oldest model first, up to `limit`. */
export async function refitActiveSeries(
  db: Db,
  models: SeriesModelSource,
  config: AnomalyConfig,
  limit = 200,
): Promise<RefitResult[]> {
  const results: RefitResult[] = [];
  for (const id of await listActiveSeries(db, config.activeHours * 3600, limit))
    results.push(await refitSeries(db, models, config, id));
  return results;
}
