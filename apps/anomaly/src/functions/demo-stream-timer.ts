// Dev only (SEED_DEMO=1, set by `suite-host --dev`): seeds demo streams into an empty database at start and feeds
// them one point per series every 10 s. Not registered at all otherwise, so no deployed app runs it.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { getAnomalyConfig } from '../config/anomaly-config.ts';
import { getAnomaly } from '../service/anomaly.ts';
import { feedDemoStreams, seedDemoStreams, type DemoPoint } from '../service/demo-streams.ts';

const ingest = (points: DemoPoint[]) => getAnomaly().ingest(points);
/** The start's backfill: a tick waits for it, since two ingests racing to fit a series' first model conflict. */
let seeding: Promise<boolean> | undefined;

export async function demoStreamTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  await seeding?.catch(() => false);
  const report = await feedDemoStreams({ ingest });
  if (report.anomalies > 0) context.log(`demo streams: ${report.anomalies} anomalous point(s) this tick`);
}

/** Seeds the demo streams when the database holds no series (called at start, in the background). */
export function seedDemoStreamsIfEmpty(): Promise<boolean> {
  return (seeding = seedDemoStreams({
    ingest,
    hasSeries: async () => (await getAnomaly().listSeries(1)).length > 0,
    log: (message) => console.info(`[anomaly] ${message}`),
  }));
}

if (getAnomalyConfig().seedDemo)
  app.timer('demoStreamTimer', { schedule: '*/10 * * * * *', handler: demoStreamTimer });
