// What the JSON body reader's scan of the text costs beside JSON.parse itself: the depth check alone (what it was
// before duplicate names were looked for) and depth plus duplicate names (what parseJsonBody runs now), on the
// bodies the apps take at their largest.
// Usage: nice -n 10 npx tsx bench/json-body-scan.ts [--runs 9]
// Prints one JSON line per body and step: median CPU ms of `runs` (process.cpuUsage, this thread only), and load.
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { findJsonDepthExcess } from '../src/http/json-depth.ts';
import { scanJsonText } from '../src/http/json-text-scan.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' } } });
const runs = Number(values.runs);

const row = (i: number) => [5.1 + (i % 7) / 10, 3.5, 1.4 + (i % 3) / 10, 0.2];
const BODIES: Record<string, string> = {
  // inference bench/large-batch.ts: 100,000 iris rows as :predict instances (6.3 MB).
  'predict-100k-rows': JSON.stringify({ instances: Array.from({ length: 100_000 }, (_, i) => row(i)) }),
  // :predict with named inputs: one object per instance (the most names per byte of the inference app).
  'predict-100k-named': JSON.stringify({
    instances: Array.from({ length: 100_000 }, (_, i) => ({ a: row(i), b: row(i + 1) })),
  }),
  // anomaly POST /api/metrics at its largest: 5,000 points of {series, timestamp, value}.
  'metrics-5k-points': JSON.stringify(
    Array.from({ length: 5_000 }, (_, i) => ({
      series: `cpu-${i % 10}`,
      timestamp: new Date(1_700_000_000_000 + i * 1000).toISOString(),
      value: Math.sin(i),
    })),
  ),
};

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (fn: () => unknown): number => {
  const before = cpuMs();
  fn();
  return cpuMs() - before;
};

for (const [body, text] of Object.entries(BODIES)) {
  const steps: Record<string, () => unknown> = {
    'JSON.parse': () => JSON.parse(text),
    depthScan: () => findJsonDepthExcess(text, 64),
    depthAndNamesScan: () => scanJsonText(text, 64),
  };
  for (const fn of Object.values(steps)) fn(); // warm-up: compiled before timing
  for (const [step, fn] of Object.entries(steps)) {
    const ms = median(Array.from({ length: runs }, () => time(fn)));
    console.log(
      JSON.stringify({
        bench: 'json-body-scan',
        body,
        bytes: text.length,
        step,
        cpuMsMedian: Number(ms.toFixed(2)),
        runs,
        load1: Number(loadavg()[0]!.toFixed(1)),
      }),
    );
  }
}
