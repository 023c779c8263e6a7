// NAB post-processing variants over seeds 1-3: runs the detector once per seed and window (its z per point cached
// in $TMPDIR), then scores each variant of the score transform with the unchanged scorer. Mean of 3 seeds per line.
// Usage: W=8192 V='{"adaptive5":{"adapt":5},"max3":{"adapt":5,"maxK":3},"likelihood":{"ll":[10,4000,1]}}' \
//   tsx bench/nab-variants.ts   (options: rank, cooldown, adapt, maxK, ll [short, long, mix], zt)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@suite/shared/ml';
import { createSeriesDetector } from '../src/stream/series-detector.ts';
import { getDataDir } from './data-paths.ts';
import { loadNabCorpus } from './nab/nab-corpus.ts';
import {
  calcSweepScore,
  normalizeScore,
  optimizeThreshold,
  STANDARD_PROFILE,
  type AnomalyPoint,
} from './nab/nab-scorer.ts';

const { files, windowCount } = loadNabCorpus(join(getDataDir(), 'nab'));
const window = Number(process.env.W ?? 8192);
function zs(seed: number): number[][] {
  const f = join(tmpdir(), `nab-z-${seed}-${window}.json`);
  if (existsSync(f))
    return (JSON.parse(readFileSync(f, 'utf8')) as (number | null)[][]).map((a) => a.map((x) => x ?? NaN));
  const out = files.map((file) => {
    const d = createSeriesDetector(createRng(seed), { windowSize: window });
    const z: number[] = [];
    for (let i = 0; i < file.values.length; i++)
      z.push(d.push(file.timestamps[i]!, file.values[i]!).z ?? NaN);
    return z;
  });
  writeFileSync(f, JSON.stringify(out));
  return out;
}
type Post = (z: number[]) => Float64Array;
function score(post: Post, all: number[][]): number {
  const list: AnomalyPoint[] = [];
  const nulls: AnomalyPoint[] = [];
  files.forEach((file, k) => {
    const s = post(all[k]!);
    list.push(...calcSweepScore(file.timestamps, s, file.windows, file.relativePath, STANDARD_PROFILE));
    nulls.push(
      ...calcSweepScore(
        file.timestamps,
        new Float64Array(s.length),
        file.windows,
        file.relativePath,
        STANDARD_PROFILE,
      ),
    );
  });
  const b = optimizeThreshold(list, STANDARD_PROFILE);
  const n = optimizeThreshold(nulls, STANDARD_PROFILE);
  return normalizeScore(b.score, n.score, windowCount, STANDARD_PROFILE);
}
// base rank transform, optional likelihood, max-history, adaptive cooldown
function make(o: {
  ll?: [number, number, number];
  rank?: number;
  cooldown?: number;
  like?: [number, number];
  maxK?: number;
  adapt?: number;
  zt?: number;
}): Post {
  return (z) => {
    const n = z.length;
    const zt = o.zt ?? 4;
    const val = new Float64Array(n);
    const rw = o.rank ?? 1000;
    const ring = new Float64Array(rw);
    let rc = 0;
    // likelihood: short mean of z vs long-run mean/std of short means
    const [sw, lw] = o.like ?? [0, 0];
    const shortQ: number[] = [];
    const longQ: number[] = [];
    let sSum = 0;
    const llShort: number[] = [];
    const llLong: number[] = [];
    let llS = 0;
    let llLS = 0;
    let llLQ = 0;
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      if (Number.isNaN(zi)) continue;
      const logistic = 1 / (1 + Math.exp(-(zi - zt)));
      let below = 0;
      for (let k = 0; k < rc; k++) if (ring[k]! < zi) below++;
      let v = rc > 0 ? 0.9 * (below / rc) + 0.1 * logistic : 0;
      ring[rc < rw ? rc++ : i % rw] = zi;
      if (sw > 0) {
        shortQ.push(zi);
        sSum += zi;
        if (shortQ.length > sw) sSum -= shortQ.shift()!;
        const m = sSum / shortQ.length;
        if (longQ.length >= 100) {
          let mu = 0;
          for (const x of longQ) mu += x;
          mu /= longQ.length;
          let va = 0;
          for (const x of longQ) va += (x - mu) ** 2;
          const sd = Math.max(Math.sqrt(va / longQ.length), 1e-3);
          const t = (m - mu) / sd;
          const like = 1 - 0.5 * erfc(t / Math.SQRT2);
          v = Math.max(v, like);
          v = o.adapt === -1 ? like : v;
        }
        longQ.push(m);
        if (longQ.length > lw) longQ.shift();
      }
      if (o.ll) {
        const [w, lwin, mix] = o.ll;
        llShort.push(v);
        llS += v;
        if (llShort.length > w) llS -= llShort.shift()!;
        const m = llS / llShort.length;
        let L = 0.5;
        if (llLong.length >= 200) {
          const mu = llLS / llLong.length;
          const sd = Math.max(Math.sqrt(Math.max(0, llLQ / llLong.length - mu * mu)), 0.03);
          L = 1 - 0.5 * erfc((m - mu) / sd / Math.SQRT2);
        }
        const logL = Math.log(1.0000000001 - L) / -23.02585084720009;
        llLong.push(m);
        llLS += m;
        llLQ += m * m;
        if (llLong.length > lwin) {
          const x = llLong.shift()!;
          llLS -= x;
          llLQ -= x * x;
        }
        v = (1 - mix) * v + mix * logL;
      }
      val[i] = v;
    }
    const out = new Float64Array(n);
    const cd = o.cooldown ?? 100;
    let quiet = -1;
    let alarms = 0;
    for (let i = 0; i < n; i++) {
      let v = val[i]!;
      if (o.maxK) for (let k = 1; k < o.maxK && i - k >= 0; k++) v = Math.max(v, val[i - k]!);
      if (i <= quiet) continue;
      out[i] = v;
      if (z[i]! >= zt) {
        alarms++;
        const extra = o.adapt && o.adapt > 0 ? Math.round(o.adapt * (alarms / (i + 1)) * 1000) : 0;
        quiet = i + cd + extra;
      }
    }
    return out;
  };
}
function erfc(x: number): number {
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
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
                            t * (-1.13520397 + t * (1.48851122 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? y : 2 - y;
}
const seeds = [1, 2, 3];
const cache = seeds.map(zs);
const variants: Record<string, Post> = JSON.parse(process.env.V ?? '{"base":{}}');
for (const [name, o] of Object.entries(variants)) {
  const s = cache.map((c) => score(make(o as never), c));
  console.log(
    JSON.stringify({
      name,
      o,
      seeds: s.map((x) => +x.toFixed(2)),
      mean: +(s.reduce((a, b) => a + b) / 3).toFixed(2),
    }),
  );
}
