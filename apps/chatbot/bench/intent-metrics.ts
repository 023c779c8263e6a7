// Scores intent predictions honestly on any test file: closed-set accuracy when it has no `oos` rows, otherwise
// in-scope accuracy plus out-of-scope recall and precision (an `oos` row is never counted as a wrong intent).
import { accuracy, macroF1 } from '@suite/shared/ml';

/** The label test files use for out-of-scope utterances (CLINC150's convention). */
export const OOS = 'oos';

export interface ScoredPrediction {
  /** Gold label (`oos` for out-of-scope rows). */
  gold: string;
  /** The classifier's best intent, ignoring the threshold. */
  intent: string;
  /** True when the confidence fell below the threshold. */
  outOfScope: boolean;
  confidence: number;
}

export type IntentScores =
  | { kind: 'closed-set'; accuracy: number; macroF1: number; ece: number }
  | {
      kind: 'with-oos';
      inScopeRows: number;
      oosRows: number;
      /** In-scope rows answered with the right intent (a row wrongly sent to `oos` counts as wrong). */
      inScopeAccuracy: number;
      /** `oos` rows the threshold rejected. */
      oosRecall: number;
      /** Rejected rows that were really `oos` (0 when nothing was rejected). */
      oosPrecision: number;
      /** Calibration on the in-scope rows only (an `oos` row has no right intent to be confident about). */
      ece: number;
    };

/** Scores `predictions` the way their test file allows (see {@link IntentScores}). */
export function scoreIntents(predictions: readonly ScoredPrediction[]): IntentScores {
  const inScope = predictions.filter((p) => p.gold !== OOS);
  const ece = expectedCalibrationError(
    inScope.map((p) => p.confidence),
    inScope.map((p) => p.intent === p.gold),
  );
  if (inScope.length === predictions.length) {
    const argmax = predictions.map((p) => p.intent);
    const gold = predictions.map((p) => p.gold);
    return { kind: 'closed-set', accuracy: accuracy(argmax, gold), macroF1: macroF1(argmax, gold), ece };
  }
  const oos = predictions.filter((p) => p.gold === OOS);
  const rejected = predictions.filter((p) => p.outOfScope || p.intent === OOS);
  const rejectedOos = oos.filter((p) => p.outOfScope || p.intent === OOS).length;
  return {
    kind: 'with-oos',
    inScopeRows: inScope.length,
    oosRows: oos.length,
    inScopeAccuracy:
      inScope.length === 0
        ? 0
        : inScope.filter((p) => !p.outOfScope && p.intent === p.gold).length / inScope.length,
    oosRecall: rejectedOos / oos.length,
    oosPrecision: rejected.length === 0 ? 0 : rejectedOos / rejected.length,
    ece,
  };
}

/** Expected calibration error over 15 equal-width confidence bins (0 for no rows). */
export function expectedCalibrationError(conf: readonly number[], correct: readonly boolean[]): number {
  if (conf.length === 0) return 0;
  const bins = 15;
  const sum = new Float64Array(bins);
  const hits = new Float64Array(bins);
  const count = new Float64Array(bins);
  conf.forEach((c, i) => {
    const b = Math.min(bins - 1, Math.floor(c * bins));
    sum[b] = (sum[b] as number) + c;
    hits[b] = (hits[b] as number) + (correct[i] ? 1 : 0);
    count[b] = (count[b] as number) + 1;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++)
    if ((count[b] as number) > 0) ece += Math.abs((hits[b] as number) - (sum[b] as number));
  return ece / conf.length;
}
