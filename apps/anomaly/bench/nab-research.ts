// Research harness (issue 16): runs the streaming detector once per seed and detector setting (raw score and z per
// point cached in $TMPDIR), applies causal post-processing variants, and scores each on split A, split B and the
// whole corpus (each with its own best threshold, as NAB does) plus each half at the other half's threshold.
// Usage: V='{"name":{...post options},...}' D='{...detector options}' tsx bench/nab-research.ts
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createRng } from '@suite/shared/ml';
import { createSeriesDetector } from '../src/stream/series-detector.ts';
import { getDataDir } from './data-paths.ts';
import { loadNabCorpus, type NabFile } from './nab/nab-corpus.ts';
import { PROFILES, scoreNabSet } from './nab/nab-evaluate.ts';
import { SPLIT_A, SPLIT_B } from './nab/nab-split.ts';
import { postProcess, type PostOptions } from './nab/nab-post.ts';

const { files } = loadNabCorpus(join(getDataDir(), 'nab'));
const A = files.filter((f) => SPLIT_A.includes(f.relativePath));
const B = files.filter((f) => SPLIT_B.includes(f.relativePath));
if (A.length !== 29 || B.length !== 29) throw new Error('split does not match the corpus');
const detectorOptions = JSON.parse(process.env.D ?? '{"windowSize":8192}') as Record<string, unknown>;
const seeds = (process.env.SEEDS ?? '1,2,3').split(',').map(Number);
const profiles = (process.env.PROFILES ?? 'standard').split(',');

interface Raw {
  score: Float64Array;
  z: Float64Array;
  level: Float64Array;
}
function raw(seed: number): Map<string, Raw> {
  const key = createHash('sha1')
    .update(JSON.stringify({ seed, detectorOptions, v: process.env.DV ?? '2' }))
    .digest('hex')
    .slice(0, 12);
  const f = join(tmpdir(), `nab-raw-${key}.bin`);
  const out = new Map<string, Raw>();
  const total = files.reduce((s, x) => s + x.values.length, 0);
  if (existsSync(f)) {
    const all = new Float64Array(readFileSync(f).buffer.slice(0));
    let o = 0;
    for (const file of files) {
      const n = file.values.length;
      out.set(file.relativePath, {
        score: all.slice(o, o + n),
        z: all.slice(total + o, total + o + n),
        level: all.slice(2 * total + o, 2 * total + o + n),
      });
      o += n;
    }
    return out;
  }
  const all = new Float64Array(3 * total);
  let o = 0;
  for (const file of files) {
    const d = createSeriesDetector(createRng(seed), detectorOptions);
    const n = file.values.length;
    for (let i = 0; i < n; i++) {
      const r = d.push(file.timestamps[i]!, file.values[i]!);
      all[o + i] = r.score ?? NaN;
      all[total + o + i] = r.z ?? NaN;
      all[2 * total + o + i] = r.level ?? 0;
    }
    out.set(file.relativePath, {
      score: all.slice(o, o + n),
      z: all.slice(total + o, total + o + n),
      level: all.slice(2 * total + o, 2 * total + o + n),
    });
    o += n;
  }
  writeFileSync(f, new Uint8Array(all.buffer));
  return out;
}

const cache = seeds.map(raw);
const variants = JSON.parse(process.env.V ?? '{"level":{"kind":"level"}}') as Record<string, PostOptions>;
const r1 = (x: number) => Math.round(x * 10) / 10;
for (const [name, o] of Object.entries(variants)) {
  for (const profileName of profiles) {
    const profile = PROFILES[profileName]!;
    const rows = cache.map((c) => {
      const post = new Map<string, Float64Array>();
      for (const file of files) post.set(file.relativePath, postProcess(file, c.get(file.relativePath)!, o));
      const of = (f: NabFile) => post.get(f.relativePath)!;
      const a = scoreNabSet(A, of, profile);
      const b = scoreNabSet(B, of, profile);
      const whole = scoreNabSet(files, of, profile);
      const bAtA = scoreNabSet(B, of, profile, a.threshold);
      const aAtB = scoreNabSet(A, of, profile, b.threshold);
      return { a, b, whole, bAtA, aAtB };
    });
    const mean = (k: 'a' | 'b' | 'whole' | 'bAtA' | 'aAtB') =>
      r1(rows.reduce((s, r) => s + r[k].score, 0) / rows.length);
    console.log(
      JSON.stringify({
        name,
        profile: profileName,
        A: mean('a'),
        B: mean('b'),
        whole: mean('whole'),
        BatA: mean('bAtA'),
        AatB: mean('aAtB'),
        seeds: rows.map((r) => [
          r1(r.a.score),
          r1(r.b.score),
          r1(r.whole.score),
          r1(r.bAtA.score),
          r1(r.aAtB.score),
        ]),
        thresholds: rows.map((r) =>
          [r.a.threshold, r.b.threshold, r.whole.threshold].map((t) => +t.toFixed(4)),
        ),
        detected: rows.map((r) => r.whole.detected),
        fpRows: rows.map((r) => r.whole.fpRows),
        o,
      }),
    );
  }
}
