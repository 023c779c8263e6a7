// Research (2026-12-01, one-point spikes inside the range): caches per point the detector's level, raw score and the
// served model's in-sample score mean and deviation (in $TMPDIR, per seed), then scores variants that raise the level
// of a one-point spike, on NAB split A, split B and the whole corpus (each at its own best threshold, as NAB does)
// and B at A's threshold. The result: bench/results/2026-12-01-spikes-inside-range.md (nothing shipped).
// Usage: V='{"single z 6":{"k":6,"at":0.5,"slope":0.02},"z60 4.5":{"z60":4.5,"at":0.5,"slope":0.05}}' \
//   SEEDS=1,2,3 [PROFILE=standard] npx tsx bench/spike-research.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@suite/shared/ml';
import { createSeriesDetector } from '../src/stream/series-detector.ts';
import { getDataDir } from './data-paths.ts';
import { loadNabCorpus, type NabFile } from './nab/nab-corpus.ts';
import { PROFILES, scoreNabSet } from './nab/nab-evaluate.ts';
import { SPLIT_A, SPLIT_B } from './nab/nab-split.ts';

const { files } = loadNabCorpus(join(getDataDir(), 'nab'));
const A = files.filter((f) => SPLIT_A.includes(f.relativePath));
const B = files.filter((f) => SPLIT_B.includes(f.relativePath));
const seeds = (process.env.SEEDS ?? '1,2,3').split(',').map(Number);
const COLS = 4; // level, score, scoreMean, scoreStd

function raw(seed: number): Map<string, Float64Array> {
  const f = join(tmpdir(), `spike-raw-${seed}.bin`);
  const total = files.reduce((s, x) => s + x.values.length, 0);
  const all = existsSync(f)
    ? new Float64Array(readFileSync(f).buffer.slice(0))
    : new Float64Array(COLS * total);
  if (!existsSync(f)) {
    let o = 0;
    for (const file of files) {
      const d = createSeriesDetector(createRng(seed));
      for (let i = 0; i < file.values.length; i++, o++) {
        const r = d.push(file.timestamps[i]!, file.values[i]!);
        const m = d.model;
        all.set([r.level ?? 0, r.score ?? NaN, m?.scoreMean ?? NaN, m?.scoreStd ?? NaN], o * COLS);
      }
    }
    writeFileSync(f, new Uint8Array(all.buffer));
  }
  const out = new Map<string, Float64Array>();
  let o = 0;
  for (const file of files) {
    out.set(file.relativePath, all.subarray(o * COLS, (o + file.values.length) * COLS));
    o += file.values.length;
  }
  return out;
}

interface Variant {
  /** single-score z at which a point's level is raised */
  k?: number;
  /** level given at z = k (0.5 = the red level) and how it grows: level = at + slope * (z - k) */
  at?: number;
  slope?: number;
  /** only the first point of a run over k */
  firstOnly?: boolean;
  /** value-based: |v - prev| / mean |diff| over the last `win` points at least `d` */
  d?: number;
  win?: number;
  /** |z of the value among the last 60 (itself included)| at least `z60` */
  z60?: number;
  /** with k: both must hold */
  both?: boolean;
}

function z60At(values: Float64Array, i: number): number {
  const k = Math.min(60, i + 1);
  let s = 0;
  for (let j = i - k + 1; j <= i; j++) s += values[j]!;
  const m = s / k;
  let q = 0;
  for (let j = i - k + 1; j <= i; j++) q += (values[j]! - m) ** 2;
  const sd = Math.sqrt(q / k);
  return sd > 1e-12 ? Math.abs(values[i]! - m) / sd : values[i] === m ? 0 : 10;
}

function post(file: NabFile, c: Float64Array, v: Variant): Float64Array {
  const n = file.values.length;
  const out = new Float64Array(n);
  let prevOver = false;
  const win = v.win ?? 8192;
  const diffs = new Float64Array(win);
  let sumAbs = 0;
  for (let i = 0; i < n; i++) {
    let level = c[i * COLS]!;
    const score = c[i * COLS + 1]!;
    let over = false;
    let stat = 0;
    if (v.k !== undefined && Number.isFinite(score)) {
      stat = (score - c[i * COLS + 2]!) / c[i * COLS + 3]!;
      over = stat >= v.k;
    }
    if (v.d !== undefined && i > 0) {
      const dd = Math.abs(file.values[i]! - file.values[i - 1]!);
      const scale = sumAbs / Math.min(i - 1, win);
      stat = i > 96 && scale > 0 ? dd / scale : 0;
      over = Number.isFinite(score) && stat >= v.d;
    }
    if (v.z60 !== undefined && Number.isFinite(score)) {
      const z = z60At(file.values, i);
      const zOver = z >= v.z60;
      if (v.both) over = over && zOver;
      else {
        over = zOver;
        stat = z;
      }
    }
    if (over && !(v.firstOnly && prevOver)) {
      const k = v.both ? v.k! : (v.z60 ?? v.k ?? v.d!);
      level = Math.max(level, Math.min(1, (v.at ?? 0.55) + (v.slope ?? 0) * (stat - k)));
    }
    prevOver = over;
    out[i] = level;
    if (i > 0) {
      const dd = Math.abs(file.values[i]! - file.values[i - 1]!);
      const slot = (i - 1) % win;
      if (i - 1 >= win) sumAbs -= diffs[slot]!;
      diffs[slot] = dd;
      sumAbs += dd;
    }
  }
  return out;
}

const cache = seeds.map(raw);
const variants = JSON.parse(process.env.V ?? '{"base":{}}') as Record<string, Variant>;
const r1 = (x: number) => Math.round(x * 10) / 10;
for (const [name, v] of Object.entries(variants)) {
  const profile = PROFILES[process.env.PROFILE ?? 'standard']!;
  const rows = cache.map((c) => {
    const p = new Map(files.map((f) => [f.relativePath, post(f, c.get(f.relativePath)!, v)]));
    const of = (f: NabFile) => p.get(f.relativePath)!;
    const a = scoreNabSet(A, of, profile);
    const b = scoreNabSet(B, of, profile);
    const whole = scoreNabSet(files, of, profile);
    return {
      a: a.score,
      b: b.score,
      whole: whole.score,
      bAtA: scoreNabSet(B, of, profile, a.threshold).score,
      det: whole.detected,
      fp: whole.fpRows,
    };
  });
  const mean = (k: 'a' | 'b' | 'whole' | 'bAtA') => r1(rows.reduce((s, r) => s + r[k], 0) / rows.length);
  console.log(
    JSON.stringify({
      name,
      A: mean('a'),
      B: mean('b'),
      whole: mean('whole'),
      BatA: mean('bAtA'),
      seeds: rows.map((r) => [r1(r.a), r1(r.b), r1(r.whole)]),
      det: rows.map((r) => r.det),
      fp: rows.map((r) => r.fp),
      v,
    }),
  );
}
