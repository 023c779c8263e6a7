// Anomaly likelihood of a stream of raw forest scores, after Numenta HTM's: how improbable is the recent mean score
// under the distribution of such means this series has produced before.

/** Raw scores averaged into the mean the likelihood judges (chosen on NAB split A: 20 over 10, 15, 30). */
export const LIKELIHOOD_AVERAGE = 20;
/** Recent means kept to estimate their usual distribution (HTM keeps 8,640, a month of 5-minute points). */
export const LIKELIHOOD_HISTORY = 8640;
/** Fewer recent means than this and the distribution comes from the fit window's own scores instead. */
export const LIKELIHOOD_MIN_HISTORY = 100;
/** z of the mean at which a point alarms: a two-sided-symmetric tail of 1e-5, HTM's "red" level. */
export const RED_Z = 4.2649;
/** A deviation floor (HTM's 0.03^2 variance floor is close): a perfectly regular series cannot alarm on a wobble. */
export const LIKELIHOOD_MIN_STD = 0.0173;
/** What a red point following a red point is damped to: HTM's "yellow" tail of 1e-3, so one event alarms once. */
const YELLOW_TAIL = 1e-3;

/** Mean and deviation of the recent-mean distribution: the reference the likelihood is measured against. */
export interface ScoreDistribution {
  readonly mean: number;
  readonly std: number;
}

export interface Likelihood {
  /** The mean of the last LIKELIHOOD_AVERAGE raw scores. */
  readonly average: number;
  /** That mean in deviations of the distribution (signed). */
  readonly z: number;
  /** log-scaled likelihood in [0, 1] as HTM reports it: 0.5 at a tail of 1e-5, 1 at 1e-10; damped after a red. */
  readonly level: number;
  /** True when |z| reached the alarm level and the previous point had not (HTM's red filter). */
  readonly alarm: boolean;
}

/**
 * Why: a forest's raw score is noisy and its usual level differs per series, so a fixed cut on it alarms all the
 * time on some series and never on others. The mean of the last few scores has a steady distribution per series;
 * a mean far out in either tail (scores suddenly much higher, or much lower, as when a noisy series goes flat) is
 * what an anomaly looks like to the forest. Only the first point of a run in the tail alarms.
 */
export class ScoreLikelihood {
  private readonly recent = new Float64Array(LIKELIHOOD_AVERAGE);
  private recentCount = 0;
  private readonly history: Float64Array;
  private historyCount = 0;
  private historyNext = 0;
  private wasRed = false;

  constructor(historySize = LIKELIHOOD_HISTORY) {
    this.history = new Float64Array(historySize);
  }

  /** Adds a raw score (scored live or read back from storage) and judges the new mean against `reference`. */
  add(score: number, reference: ScoreDistribution, zAlarm = RED_Z): Likelihood {
    this.recent[this.recentCount % LIKELIHOOD_AVERAGE] = score;
    this.recentCount++;
    // Summed afresh, oldest first (20 additions), rather than kept running, so a detector resumed from stored
    // scores matches the one that streamed them to the last bit.
    const k = Math.min(this.recentCount, LIKELIHOOD_AVERAGE);
    let sum = 0;
    for (let i = this.recentCount - k; i < this.recentCount; i++) sum += this.recent[i % LIKELIHOOD_AVERAGE]!;
    const average = sum / k;
    this.history[this.historyNext] = average;
    this.historyNext = (this.historyNext + 1) % this.history.length;
    if (this.historyCount < this.history.length) this.historyCount++;
    const std = Math.max(reference.std, LIKELIHOOD_MIN_STD);
    const z = (average - reference.mean) / std;
    const red = Math.abs(z) >= zAlarm;
    const alarm = red && !this.wasRed;
    this.wasRed = red;
    const tail = red && !alarm ? Math.max(YELLOW_TAIL, upperTail(Math.abs(z))) : upperTail(Math.abs(z));
    return { average, z, level: Math.log(tail + 1e-10) / Math.log(1e-10), alarm };
  }

  /** The distribution of the recent means, or undefined while fewer than LIKELIHOOD_MIN_HISTORY were seen. */
  estimate(): ScoreDistribution | undefined {
    const n = this.historyCount;
    if (n < LIKELIHOOD_MIN_HISTORY) return undefined;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const v = this.history[i]!;
      sum += v;
      sumSq += v * v;
    }
    const mean = sum / n;
    return { mean, std: Math.max(Math.sqrt(Math.max(0, sumSq / n - mean * mean)), LIKELIHOOD_MIN_STD) };
  }
}

/**
 * P(Z >= z) for a standard normal, from the complementary error function (Numerical Recipes' erfcc, relative error
 * under 1.2e-7 everywhere, which is what the log scale needs far out in the tail). JavaScript has no erfc and no
 * well-kept npm package is worth a dependency for ten lines.
 */
export function upperTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520397 + t * (1.48851122 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfc = t * Math.exp(-x * x + poly);
  return 0.5 * (x >= 0 ? erfc : 2 - erfc);
}
