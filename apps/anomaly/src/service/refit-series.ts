// Refits series models on their latest window and publishes them; used by the timer and after big imports.
import { createHash } from 'node:crypto';
import type { Db } from '@suite/shared/db';
import { createRng } from '@suite/shared/ml';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import { createSeriesDetector } from '../stream/series-detector.ts';
import { readRecentPoints } from '../store/point-repository.ts';
import { listActiveSeries, readPointCounts } from '../store/series-repository.ts';
import type { SeriesModelSource } from './model-registry.ts';
import { publishSeriesModel } from './publish-series-model.ts';

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
  // The count first, so the window read after it holds at least the points it says the model was fitted on.
  const points = (await readPointCounts(db, [series])).get(series) ?? 0;
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
  // The fit runs without any lock; a model fitted on more points, published meanwhile (an ingest's fit, another
  // instance's timer), supersedes this one. A lost race must not stop the timer's pass over the other series.
  const version = await publishSeriesModel(db, models, series, detector.refit(), points, 'refit');
  if (!version) return { series, status: 'superseded', rows: n };
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
