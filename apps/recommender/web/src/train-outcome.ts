// How a training run ended, in one line the model page keeps in its status after the run: what it published and its
// figures, or how far a failed or cancelled run got.
import type { EpochRecord, TrainReport } from './types.ts';

/** How far a run got: its last state and its epochs (the page's TrainProgress). */
export interface RunSoFar {
  state: string;
  history: EpochRecord[];
}

const figure = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(4));

/**
 * @example succeededText(report) // 'Training succeeded: version 3, 11 epochs (best 9), validation rmse 0.9012, 2.31 s.'
 */
export function succeededText(report: TrainReport): string {
  const validation = Object.entries(report.validation ?? {})
    .filter(([name, value]) => typeof value === 'number' && name !== 'count')
    // RMSE first, the figure the curve draws.
    .sort(([a], [b]) => Number(b === 'rmse') - Number(a === 'rmse'))
    .map(([name, value]) => `validation ${name} ${figure(value)}`);
  return (
    `Training succeeded: version ${report.version}, ${report.epochs} epochs (best ${report.bestEpoch}), ` +
    [...validation, `${(report.trainMs / 1000).toFixed(2)} s`].join(', ') +
    '.'
  );
}

/**
 * A run that ended without a model: cancelled, or failed (the reason is the page's error line).
 * @example endedText(progress, error) // 'Training failed after epoch 4 (train RMSE 0.9412, validation RMSE 0.9630).'
 */
export function endedText(progress: RunSoFar, failure: unknown): string {
  const cancelled =
    progress.state === 'cancelled' || (failure instanceof Error && /\bcancell?ed\b/i.test(failure.message));
  const state = cancelled ? 'cancelled' : 'failed';
  const last = progress.history[progress.history.length - 1];
  if (!last) return `Training ${state} before its first epoch.`;
  const rmse = [
    `train RMSE ${last.trainRmse.toFixed(4)}`,
    ...(last.validationRmse === undefined ? [] : [`validation RMSE ${last.validationRmse.toFixed(4)}`]),
  ];
  return `Training ${state} after epoch ${last.epoch} (${rmse.join(', ')}).`;
}
