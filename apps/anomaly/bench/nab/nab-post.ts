// Research post-processing: maps the detector's raw score / z per point to NAB's anomaly_score, causally.
import type { NabFile } from './nab-corpus.ts';
import { upperTail } from '../../src/stream/score-likelihood.ts';

export interface PostOptions {
  /** 'rank' = the app's transform before issue 16 (rank of z among the last rankWindow z + 0.1 logistic). */
  kind?: 'rank' | 'likelihood' | 'level';
  rankWindow?: number;
  zThreshold?: number;
  cooldown?: number;
  adaptiveCooldown?: number;
  /** likelihood: input 'score' (raw forest score) or 'z'. */
  input?: 'score' | 'z';
  avg?: number;
  history?: number;
  reestimate?: number;
  learning?: number;
  minStd?: number;
  symmetric?: boolean;
  redFilter?: boolean;
  /** spatial anomaly: tolerance as a fraction of the range seen so far; the score becomes 1. */
  spatial?: number;
  /** alarm level (on the output) that starts the cooldown. */
  alarm?: number;
  /** spatial range over the last spatialWindow values instead of all history. */
  spatialWindow?: number;
  /** exponentially weighted mean/variance of the moving averages (alpha = 1/history) instead of a sliding window. */
  ew?: boolean;
  /** points the spatial rule waits after the detector's warm-up. */
  spatialWarm?: number;
  pointAvg?: number;
  pointWeight?: number;
}

export function postProcess(
  file: NabFile,
  raw: { score: Float64Array; z: Float64Array; level: Float64Array },
  o: PostOptions,
): Float64Array {
  if (o.kind === 'level' && o.pointAvg === undefined) return raw.level;
  if (o.pointAvg !== undefined) {
    // max of the level and a likelihood of the mean of the last pointAvg raw scores (red-filtered)
    const base = o.kind === 'level' ? raw.level : postProcess(file, raw, { ...o, pointAvg: undefined });
    const point = postProcess(file, raw, {
      kind: 'likelihood',
      redFilter: true,
      symmetric: false,
      avg: o.pointAvg,
      history: 8640,
    });
    const out = new Float64Array(base.length);
    for (let i = 0; i < out.length; i++) out[i] = Math.max(base[i]!, (o.pointWeight ?? 1) * point[i]!);
    return out;
  }
  const n = file.values.length;
  const out = new Float64Array(n);
  const kind = o.kind ?? 'rank';
  const zt = o.zThreshold ?? 4;
  if (kind === 'rank') {
    const rw = o.rankWindow ?? 1000;
    const ring = new Float64Array(rw);
    let rc = 0;
    for (let i = 0; i < n; i++) {
      const z = raw.z[i]!;
      if (Number.isNaN(z)) continue;
      const logistic = 1 / (1 + Math.exp(-(z - zt)));
      let below = 0;
      for (let k = 0; k < rc; k++) if (ring[k]! < z) below++;
      out[i] = rc > 0 ? 0.9 * (below / rc) + 0.1 * logistic : 0;
      ring[rc < rw ? rc++ : i % rw] = z;
    }
  } else {
    const input = o.input === 'z' ? raw.z : raw.score;
    const W = o.avg ?? 10;
    const H = o.history ?? 8640;
    const R = o.reestimate ?? 100;
    const L = o.learning ?? 0;
    const minStd = o.minStd ?? 0.0173;
    const avgRing = new Float64Array(W);
    let avgN = 0;
    let avgSum = 0;
    const hist = new Float64Array(H);
    let hN = 0;
    let hNext = 0;
    let mean = 0;
    let std = 1;
    let sinceEst = Infinity;
    let seen = 0;
    let prevRed = false;
    let ewMean = 0;
    let ewVar = 0;
    for (let i = 0; i < n; i++) {
      const s = input[i]!;
      if (Number.isNaN(s)) continue;
      seen++;
      if (avgN < W) avgN++;
      else avgSum -= avgRing[seen % W]!;
      avgRing[seen % W] = s;
      avgSum += s;
      const m = avgSum / avgN;
      let like = 0.5;
      if (seen > L && hN >= 100) {
        if (o.ew) {
          mean = ewMean;
          std = Math.max(Math.sqrt(ewVar), minStd);
        } else if (sinceEst >= R) {
          let su = 0;
          let sq = 0;
          for (let k = 0; k < hN; k++) {
            su += hist[k]!;
            sq += hist[k]! * hist[k]!;
          }
          mean = su / hN;
          std = Math.max(Math.sqrt(Math.max(0, sq / hN - mean * mean)), minStd);
          sinceEst = 0;
        }
        sinceEst++;
        let x = m;
        if (o.symmetric && x < mean) x = 2 * mean - x;
        const tail = upperTail((x - mean) / std);
        let t = tail;
        if (o.redFilter) {
          const red = tail <= 1e-5;
          if (red && prevRed) t = 1e-3;
          prevRed = red;
        }
        like = 1 - t;
      }
      if (seen > L && o.ew) {
        const a = Math.max(1 / H, 1 / (hN + 1));
        const d = m - ewMean;
        ewMean += a * d;
        ewVar = (1 - a) * (ewVar + a * d * d);
        if (hN < H) hN++;
      } else if (seen > L) {
        hist[hNext] = m;
        hNext = (hNext + 1) % H;
        if (hN < H) hN++;
      }
      out[i] = Math.log(1.0000000001 - like) / -23.02585084720009;
    }
  }
  if (o.spatial !== undefined) {
    let lo = Infinity;
    let hi = -Infinity;
    const sw = o.spatialWindow ?? 0;
    let firstScored = -1;
    for (let i = 0; i < n; i++) {
      const v = file.values[i]!;
      if (sw > 0 && i > 0) {
        lo = Infinity;
        hi = -Infinity;
        for (let k = Math.max(0, i - sw); k < i; k++) {
          const u = file.values[k]!;
          if (u > hi) hi = u;
          if (u < lo) lo = u;
        }
      }
      if (firstScored < 0 && !Number.isNaN(raw.z[i]!)) firstScored = i;
      if (hi > lo && firstScored >= 0 && i >= firstScored + (o.spatialWarm ?? 0)) {
        const tol = (hi - lo) * o.spatial;
        if (v > hi + tol || v < lo - tol) out[i] = 1;
      }
      if (v > hi) hi = v;
      if (v < lo) lo = v;
    }
  }
  const cd = o.cooldown ?? 0;
  const ad = o.adaptiveCooldown ?? 0;
  if (cd > 0 || ad > 0) {
    let quiet = -1;
    let alarms = 0;
    for (let i = 0; i < n; i++) {
      if (i <= quiet) {
        out[i] = 0;
        continue;
      }
      const alarm = o.alarm !== undefined ? out[i]! >= o.alarm : raw.z[i]! >= zt;
      if (alarm) {
        alarms++;
        quiet = i + cd + Math.round((ad * alarms * 1000) / (i + 1));
      }
    }
  }
  return out;
}
