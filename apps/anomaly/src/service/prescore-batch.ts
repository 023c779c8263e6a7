// Scores, before the batch's transaction, the series of a batch that may fit a model on the way (those without a
// served model and with enough points), so those fits run without the series' locks held.
import type { Queryable } from '@suite/shared/db';
import type { AnomalyConfig } from '../config/anomaly-config.ts';
import type { SeriesModel } from '../stream/series-detector.ts';
import { readStoredPointsOfSeries } from '../store/batch-repository.ts';
import { readPointCounts } from '../store/series-repository.ts';
import type { MetricPoint } from './point-validation.ts';
import { scoreAfterStored, type BatchSeries, type Prescored } from './score-batch.ts';

/** A series of the batch: its points, one per timestamp in time order, and its served model. */
export interface PrescoreInput {
  series: string;
  unique: readonly MetricPoint[];
  model: SeriesModel | undefined;
}

/**
 * Scores as the transaction would, from what is stored now, the series whose scoring may fit a model (no served
 * model, and with this batch at least `minPoints` points). Before, a fit ran with the batch's series locks held:
 * a batch of a new series' first 2,000 points fitted some 30 forests under them, and every other batch of those
 * series waited. The transaction takes these scores only if the series is unchanged under its lock
 * (`scoreBatch`); a batch of the same series committed in between has it scored again there, as before.
 */
export async function prescoreBatch(
  db: Queryable,
  inputs: readonly PrescoreInput[],
  config: AnomalyConfig,
): Promise<Map<string, Prescored>> {
  const unserved = inputs.filter((w) => !w.model);
  if (unserved.length === 0) return new Map();
  // The count first: a point stored after it changes the count the lock finds, so these scores are not taken.
  const counts = await readPointCounts(
    db,
    unserved.map((w) => w.series),
  );
  const fitting = unserved.filter((w) => (counts.get(w.series) ?? 0) + w.unique.length >= config.minPoints);
  if (fitting.length === 0) return new Map();
  const stored = await readStoredPointsOfSeries(
    db,
    fitting.flatMap((w) => w.unique.map((p) => ({ series: w.series, timestampMs: p.timestampMs }))),
  );
  const batch: BatchSeries[] = fitting
    .map((w) => ({
      series: w.series,
      fresh: w.unique.filter((p) => !stored.get(w.series)?.has(p.timestampMs)),
      model: undefined,
      storedBefore: counts.get(w.series) ?? 0,
      scored: new Map(),
    }))
    .filter((b) => b.fresh.length > 0);
  await scoreAfterStored(db, batch, config);
  return new Map(
    batch.map((b) => [
      b.series,
      {
        storedBefore: b.storedBefore,
        freshMs: b.fresh.map((p) => p.timestampMs),
        scored: b.scored,
        ...(b.fitted && { fitted: b.fitted }),
      },
    ]),
  );
}
