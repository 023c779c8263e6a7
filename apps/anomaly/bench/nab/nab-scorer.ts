// NAB v1.1 scoring, transcribed from numenta/NAB nab/sweeper.py and nab/runner.py: scaled-sigmoid weights per
// point, one true positive per window, a corpus-wide threshold sweep, and normalisation between null and perfect.

/** A cost matrix as in NAB's config/profiles.json. */
export interface CostProfile {
  tpWeight: number;
  fpWeight: number;
  fnWeight: number;
}

/** NAB's "standard" application profile. */
export const STANDARD_PROFILE: CostProfile = { tpWeight: 1.0, fpWeight: 0.11, fnWeight: 1.0 };
const PROBATION_PERCENT = 0.15;

/** One scored row: the detector's score, its NAB weight if it fires, and the window it belongs to. */
export interface AnomalyPoint {
  anomalyScore: number;
  sweepScore: number;
  /** `file|windowStart`, null outside any window, 'probationary' inside the probationary period. */
  windowName: string | null;
}

export interface ThresholdScore {
  threshold: number;
  score: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

/** 2*sigmoid(-5x) - 1, and -1 far behind a window (x > 3). */
export function scaledSigmoid(relativePosition: number): number {
  if (relativePosition > 3) return -1;
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** NAB's probationary period: the first 15% of the file, at most 750 rows. */
export function probationaryLength(rows: number): number {
  return Math.min(Math.floor(PROBATION_PERCENT * rows), PROBATION_PERCENT * 5000);
}

/**
 * Per-row weights for one file (Sweeper.calcSweepScore). `timestamps` and window limits are epoch ms and must
 * match rows exactly, as NAB looks them up with `list.index`.
 */
export function calcSweepScore(
  timestamps: ArrayLike<number>,
  anomalyScores: ArrayLike<number>,
  windows: ReadonlyArray<readonly [number, number]>,
  dataSetName: string,
  profile: CostProfile,
): AnomalyPoint[] {
  const n = timestamps.length;
  const indexOf = new Map<number, number>();
  for (let i = n - 1; i >= 0; i--) indexOf.set(timestamps[i]!, i);
  const pending = [...windows];
  const maxTP = scaledSigmoid(-1);
  const probation = probationaryLength(n);
  const out: AnomalyPoint[] = [];
  let cur: readonly [number, number] | undefined;
  let curName: string | null = null;
  let curWidth = 0;
  let curRight = 0;
  let prevWidth: number | null = null;
  let prevRight: number | null = null;
  for (let i = 0; i < n; i++) {
    const t = timestamps[i]!;
    if (pending.length > 0 && t === pending[0]![0]) {
      cur = pending.shift()!;
      curName = `${dataSetName}|${cur[0]}`;
      const right = indexOf.get(cur[1]);
      const leftIdx = indexOf.get(cur[0]);
      if (right === undefined || leftIdx === undefined)
        throw new Error(`${dataSetName}: window edge not in data`);
      curRight = right;
      curWidth = right - leftIdx + 1;
    }
    let weighted: number;
    if (cur !== undefined) {
      weighted = (scaledSigmoid(-(curRight - i + 1) / curWidth) * profile.tpWeight) / maxTP;
    } else if (prevRight === null || prevWidth === null) {
      weighted = -1 * profile.fpWeight;
    } else {
      weighted = scaledSigmoid(Math.abs(prevRight - i) / (prevWidth - 1)) * profile.fpWeight;
    }
    out.push({
      anomalyScore: anomalyScores[i]!,
      sweepScore: weighted,
      windowName: i >= probation ? curName : 'probationary',
    });
    if (cur !== undefined && t === cur[1]) {
      prevRight = i;
      prevWidth = curWidth;
      cur = undefined;
      curName = null;
    }
  }
  return out;
}

/** Score at every distinct threshold, highest threshold first (Sweeper.calcScoreByThreshold). */
export function calcScoreByThreshold(
  anomalyList: readonly AnomalyPoint[],
  profile: CostProfile,
): ThresholdScore[] {
  const scorable = anomalyList.filter((p) => p.windowName !== 'probationary');
  // Stable sort, descending, like Python's sorted(reverse=True) on equal keys.
  scorable.sort((a, b) => b.anomalyScore - a.anomalyScore);
  const windowParts = new Map<string, number>();
  for (const p of scorable) if (p.windowName !== null) windowParts.set(p.windowName, -profile.fnWeight);
  let fpPart = 0;
  let windowSum = -profile.fnWeight * windowParts.size;
  let tn = 0;
  let fn = 0;
  for (const p of scorable) {
    if (p.windowName === null) tn++;
    else fn++;
  }
  let tp = 0;
  let fp = 0;
  let threshold = 1.1;
  const result: ThresholdScore[] = [];
  for (const p of scorable) {
    if (p.anomalyScore !== threshold) {
      result.push({ threshold, score: fpPart + windowSum, tp, fp, fn, tn });
      threshold = p.anomalyScore;
    }
    if (p.windowName === null) {
      fp++;
      tn--;
      fpPart += p.sweepScore;
    } else {
      tp++;
      fn--;
      const before = windowParts.get(p.windowName)!;
      if (p.sweepScore > before) {
        windowParts.set(p.windowName, p.sweepScore);
        windowSum += p.sweepScore - before;
      }
    }
  }
  result.push({ threshold, score: fpPart + windowSum, tp, fp, fn, tn });
  return result;
}

/** The best threshold over the whole corpus (what NAB's optimize step writes to thresholds.json). */
export function optimizeThreshold(
  anomalyList: readonly AnomalyPoint[],
  profile: CostProfile,
): ThresholdScore {
  let best: ThresholdScore | undefined;
  for (const s of calcScoreByThreshold(anomalyList, profile)) if (!best || s.score > best.score) best = s;
  return best!;
}

/** runner.normalize: 100 * (score - null) / (perfect - null), perfect = windows in the label file * tpWeight. */
export function normalizeScore(
  raw: number,
  nullScore: number,
  windowCount: number,
  profile: CostProfile,
): number {
  const perfect = windowCount * profile.tpWeight;
  return (100 * (raw - nullScore)) / (perfect - nullScore);
}

/** Windows with at least one scorable row at or above the threshold (diagnostics beside the score). */
export function countDetectedWindows(anomalyList: readonly AnomalyPoint[], threshold: number): number {
  const hit = new Set<string>();
  for (const p of anomalyList) {
    if (p.windowName !== null && p.windowName !== 'probationary' && p.anomalyScore >= threshold)
      hit.add(p.windowName);
  }
  return hit.size;
}
