// Isolation Forest score that also isolates points beyond the training range, as a cut on an extended range would.
import { meanPathLength } from '../forest/score-forest.ts';
import type { ForestArrays } from '../forest/types.ts';

/**
 * Why: a forest only cuts inside the range of its training sample, so a point far above the window's maximum walks
 * to the same leaf as the maximum itself and scores like an ordinary edge point. A stream's most important
 * anomalies are exactly such new extremes. Following Random Cut Forest's view, if the root cut were drawn over the
 * range extended to include x, a random feature f (chance 1/d) cut at a uniform point would separate x alone with
 * probability ext_f / (range_f + ext_f). With that probability P the path ends at depth 1, otherwise it is the
 * forest's own: E[h] = P + (1 - P) * h(x). Inside the range P = 0 and this is the plain Isolation Forest score.
 */
export function rangeAwareScore(
  forest: ForestArrays,
  featureMin: Float64Array,
  featureMax: Float64Array,
  x: Float64Array,
  offset = 0,
): number {
  const d = forest.nFeatures;
  let p = 0;
  for (let f = 0; f < d; f++) {
    const v = x[offset + f]!;
    const lo = featureMin[f]!;
    const hi = featureMax[f]!;
    const ext = v > hi ? v - hi : v < lo ? lo - v : 0;
    if (ext > 0) p += ext / (hi - lo + ext);
  }
  p /= d;
  if (forest.normalizer === 0) return 0.5;
  const h = p > 0 ? p + (1 - p) * meanPathLength(forest, x, offset) : meanPathLength(forest, x, offset);
  return Math.pow(2, -h / forest.normalizer);
}
