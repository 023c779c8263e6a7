// SEED_DEMO=1 (what `suite-host --dev` sets): three made-up metric streams with injected anomalies, backfilled
// into an empty database (an hour at one point per 10 s) and then fed one point per series every 10 s, so the
// console has live series, scores and incidents on a first run. Generated here; never from ../shared/data.
import { createRng } from '@suite/shared/ml';
import type { MetricsReport } from './process-metrics.ts';

/** One point per series per step. */
export const DEMO_STEP_MS = 10_000;
const BACKFILL_STEPS = 360;
/**
 * Every this many steps a series gets a spike (or a dip) far outside its usual wave. Recurring at one height, only
 * those beyond every earlier value are flagged (bench/results/2026-12-01-spikes-inside-range.md).
 */
const ANOMALY_EVERY = 89;

const SERIES = [
  { id: 'demo-cpu-percent', base: 40, amplitude: 15, noise: 2, jump: 45 },
  { id: 'demo-latency-ms', base: 120, amplitude: 30, noise: 6, jump: 400 },
  { id: 'demo-orders-per-min', base: 200, amplitude: 80, noise: 8, jump: -190 },
] as const;

export interface DemoPoint {
  series: string;
  timestamp: string;
  value: number;
}

/** The demo points of step `step` (time = step x 10 s): a daily-like wave, noise, and now and then an anomaly. */
export function demoPointsAt(step: number): DemoPoint[] {
  return SERIES.map((s, k) => {
    const rng = createRng(step * 7 + k);
    const wave = s.amplitude * Math.sin((2 * Math.PI * step) / BACKFILL_STEPS);
    const spike = (step + k * 29) % ANOMALY_EVERY === 0 ? s.jump : 0;
    const value = Math.max(0, s.base + wave + s.noise * rng.normal() + spike);
    return {
      series: s.id,
      timestamp: new Date(step * DEMO_STEP_MS).toISOString(),
      value: Math.round(value * 100) / 100,
    };
  });
}

export interface DemoStreamDeps {
  ingest: (points: DemoPoint[]) => Promise<MetricsReport>;
  hasSeries: () => Promise<boolean>;
  log: (message: string) => void;
}

/** Backfills the last hour when no series exists yet; returns whether it did. */
export async function seedDemoStreams(deps: DemoStreamDeps, now = Date.now()): Promise<boolean> {
  if (await deps.hasSeries()) return false;
  const started = performance.now();
  const last = Math.floor(now / DEMO_STEP_MS);
  const points: DemoPoint[] = [];
  for (let step = last - BACKFILL_STEPS + 1; step <= last; step++) points.push(...demoPointsAt(step));
  const report = await deps.ingest(points);
  deps.log(
    `demo streams: ${SERIES.map((s) => s.id).join(', ')}: ${report.stored} points in ${Math.round(performance.now() - started)} ms, one more per series every ${DEMO_STEP_MS / 1000} s (SEED_DEMO=1)`,
  );
  return true;
}

/** The current step's points (the dev timer's tick); a repeated step is stored once. */
export function feedDemoStreams(
  deps: Pick<DemoStreamDeps, 'ingest'>,
  now = Date.now(),
): Promise<MetricsReport> {
  return deps.ingest(demoPointsAt(Math.floor(now / DEMO_STEP_MS)));
}
