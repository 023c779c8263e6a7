// Scores a set of NAB files (the whole corpus or one half of the split) under one cost profile, as NAB's runner
// does: per-row weights, the best threshold over the set (or a given one), normalised between null and perfect.
import type { NabFile } from './nab-corpus.ts';
import {
  calcSweepScore,
  countDetectedWindows,
  normalizeScore,
  optimizeThreshold,
  type AnomalyPoint,
  type CostProfile,
} from './nab-scorer.ts';

export const PROFILES: Readonly<Record<string, CostProfile>> = {
  standard: { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 1.0 },
  reward_low_FP_rate: { tpWeight: 1.0, fpWeight: 0.22, fnWeight: 1.0 },
  reward_low_FN_rate: { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 2.0 },
};

export interface SetScore {
  score: number;
  threshold: number;
  windows: number;
  detected: number;
  fpRows: number;
}

/** Raw NAB score of a list at a fixed threshold: rows at or above it fire, one true positive per window. */
function rawAtThreshold(list: readonly AnomalyPoint[], threshold: number, profile: CostProfile) {
  const best = new Map<string, number>();
  let fpPart = 0;
  let fpRows = 0;
  for (const p of list) {
    if (p.windowName === 'probationary') continue;
    if (p.windowName !== null && !best.has(p.windowName)) best.set(p.windowName, -profile.fnWeight);
    if (p.anomalyScore < threshold) continue;
    if (p.windowName === null) {
      fpPart += p.sweepScore;
      fpRows++;
    } else if (p.sweepScore > best.get(p.windowName)!) best.set(p.windowName, p.sweepScore);
  }
  let sum = fpPart;
  for (const v of best.values()) sum += v;
  return { score: sum, fpRows };
}

/**
 * NAB score of `files` with per-file scores from `scoresOf`. Without `threshold` the best one for this set is
 * used (NAB's protocol); with it, the threshold chosen elsewhere is applied unchanged (the out-of-sample check).
 */
export function scoreNabSet(
  files: readonly NabFile[],
  scoresOf: (file: NabFile) => ArrayLike<number>,
  profile: CostProfile,
  threshold?: number,
): SetScore {
  const list: AnomalyPoint[] = [];
  const nulls: AnomalyPoint[] = [];
  let windows = 0;
  for (const file of files) {
    const scores = scoresOf(file);
    windows += file.windows.length;
    list.push(...calcSweepScore(file.timestamps, scores, file.windows, file.relativePath, profile));
    nulls.push(
      ...calcSweepScore(
        file.timestamps,
        new Float64Array(file.timestamps.length),
        file.windows,
        file.relativePath,
        profile,
      ),
    );
  }
  const nullRaw = optimizeThreshold(nulls, profile).score;
  let raw: number;
  let used: number;
  let fpRows: number;
  if (threshold === undefined) {
    const best = optimizeThreshold(list, profile);
    raw = best.score;
    used = best.threshold;
    fpRows = best.fp;
  } else {
    const at = rawAtThreshold(list, threshold, profile);
    raw = at.score;
    used = threshold;
    fpRows = at.fpRows;
  }
  return {
    score: normalizeScore(raw, nullRaw, windows, profile),
    threshold: used,
    windows,
    detected: countDetectedWindows(list, used),
    fpRows,
  };
}
