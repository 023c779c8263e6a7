// Can NAB measure what a one-point excursion under 5 range-widths costs? Counts, on the NAB corpus, each such
// excursion (a new extreme of e widths beyond the range of the last 8,192 values, the next value straight back) and
// the later points it hides: beyond the range the window would have without it (by the 1% tolerance), inside the
// range with it. A hidden point inside a labelled window no other point of that window already puts beyond the range
// is the most that leaving the excursion out could gain; a hidden point outside every window is a range alarm it could
// add where NAB counts a false positive. Approximates the detector's range (the window's raw min and max; glitches
// of 10+ widths and excursions of 5+ left out, as the detector leaves them out or fades them); no forest is fitted.
// Usage: tsx bench/nab-excursion-census.ts [nabDir]
import { join } from 'node:path';
import { getDataDir } from './data-paths.ts';
import { loadNabCorpus } from './nab/nab-corpus.ts';

const WINDOW = 8192;
const MIN_POINTS = 96;
const TOLERANCE = 0.01;
const BUCKETS = [0.01, 1, 2, 3, 4, 5] as const;

/** Sliding min and max over the last `WINDOW` indices pushed, skipping those `skip` marks (monotonic deques). */
class SlidingRange {
  private readonly maxQ: number[] = [];
  private readonly minQ: number[] = [];
  constructor(private readonly values: Float64Array) {}
  push(i: number): void {
    const v = this.values[i]!;
    while (this.maxQ.length > 0 && this.values[this.maxQ[this.maxQ.length - 1]!]! <= v) this.maxQ.pop();
    while (this.minQ.length > 0 && this.values[this.minQ[this.minQ.length - 1]!]! >= v) this.minQ.pop();
    this.maxQ.push(i);
    this.minQ.push(i);
  }
  /** The range of what was pushed among indices [from, now). */
  range(from: number): { low: number; high: number } {
    while (this.maxQ.length > 0 && this.maxQ[0]! < from) this.maxQ.shift();
    while (this.minQ.length > 0 && this.minQ[0]! < from) this.minQ.shift();
    if (this.maxQ.length === 0) return { low: Infinity, high: -Infinity };
    return { low: this.values[this.minQ[0]!]!, high: this.values[this.maxQ[0]!]! };
  }
}

const beyond = (v: number, r: { low: number; high: number }) => {
  const m = (r.high - r.low) * TOLERANCE;
  return r.high > r.low && (v > r.high + m || v < r.low - m);
};

const corpus = loadNabCorpus(process.argv[2] ?? join(getDataDir(), 'nab'));
const tally = BUCKETS.slice(0, -1).map((from, b) => ({
  widths: `${from}-${BUCKETS[b + 1]}`,
  excursions: 0,
  files: new Set<string>(),
  hiddenInWindow: 0,
  windowsReached: 0,
  windowsOnlyThis: 0,
  hiddenOutside: 0,
}));

for (const file of corpus.files) {
  const { values, timestamps, windows } = file;
  const n = values.length;
  // Pass 1: the detector's own range (with every excursion under 5 widths) and which points are excursions.
  const withAll = new SlidingRange(values);
  const bucketOf = new Int8Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = withAll.range(Math.max(0, i - WINDOW));
    const v = values[i]!;
    const width = r.high - r.low;
    if (i >= MIN_POINTS && i + 1 < n && beyond(v, r) && width > 0) {
      const excess = v > r.high ? v - r.high : r.low - v;
      const back = !beyond(values[i + 1]!, r);
      const e = excess / width;
      if (back && e >= 5) {
        bucketOf[i] = -2; // left out (10+) or fading (5-10): not in the detector's range for long
        continue;
      }
      if (back) {
        const b = BUCKETS.findIndex((lim, k) => k + 1 < BUCKETS.length && e >= lim && e < BUCKETS[k + 1]!);
        if (b >= 0) bucketOf[i] = b;
        if (process.env['CENSUS_VERBOSE'] && b >= 3)
          console.error(
            JSON.stringify({ file: file.relativePath, excursion: i, widths: Number(e.toFixed(2)) }),
          );
      }
    }
    withAll.push(i);
  }
  const inWindow = (i: number) => windows.findIndex(([a, z]) => timestamps[i]! >= a && timestamps[i]! <= z);
  // Pass 2, per bucket: the range without that bucket's excursions; which later points it alone puts beyond.
  const alreadyBeyond = new Set<number>();
  {
    const r0 = new SlidingRange(values);
    for (let i = 0; i < n; i++) {
      if (i >= MIN_POINTS && beyond(values[i]!, r0.range(Math.max(0, i - WINDOW)))) {
        const w = inWindow(i);
        if (w >= 0) alreadyBeyond.add(w);
      }
      if (bucketOf[i] !== -2) r0.push(i);
    }
  }
  for (let b = 0; b < tally.length; b++) {
    const t = tally[b]!;
    const count = bucketOf.reduce((c, x) => c + (x === b ? 1 : 0), 0);
    if (count === 0) continue;
    t.excursions += count;
    t.files.add(file.relativePath);
    const withR = new SlidingRange(values);
    const without = new SlidingRange(values);
    const reached = new Set<number>();
    for (let i = 0; i < n; i++) {
      const from = Math.max(0, i - WINDOW);
      const v = values[i]!;
      if (
        i >= MIN_POINTS &&
        bucketOf[i] !== b &&
        beyond(v, without.range(from)) &&
        !beyond(v, withR.range(from))
      ) {
        const w = inWindow(i);
        if (process.env['CENSUS_VERBOSE'] && b >= 3)
          console.error(JSON.stringify({ file: file.relativePath, widths: t.widths, hidden: i, window: w }));
        if (w >= 0) {
          t.hiddenInWindow++;
          reached.add(w);
        } else t.hiddenOutside++;
      }
      if (bucketOf[i] === -2) continue;
      withR.push(i);
      if (bucketOf[i] !== b) without.push(i);
    }
    t.windowsReached += reached.size;
    t.windowsOnlyThis += [...reached].filter((w) => !alreadyBeyond.has(w)).length;
  }
}

for (const t of tally)
  console.log(
    JSON.stringify({
      bench: 'nab-excursion-census',
      widths: t.widths,
      excursions: t.excursions,
      files: t.files.size,
      hiddenPointsInWindows: t.hiddenInWindow,
      windowsWithHiddenPoints: t.windowsReached,
      windowsWithNoOtherRangeAlarm: t.windowsOnlyThis,
      hiddenPointsOutsideWindows: t.hiddenOutside,
      corpusWindows: corpus.windowCount,
    }),
  );
