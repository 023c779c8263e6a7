// Event Hubs trigger: each event is a point or an array of points, run through the same pipeline as POST /api/metrics.
import { app, type EventHubFunctionOptions, type InvocationContext } from '@azure/functions';
import { recordBatchRefused } from '@suite/shared/telemetry';
import { getAnomaly } from '../service/anomaly.ts';
import { tryBatchRejection } from '../service/batch-rejection.ts';

/** Flattens events (objects, arrays, or JSON text) into one list of raw points. */
export function flattenEvents(events: unknown): unknown[] {
  const list = Array.isArray(events) ? events : [events];
  const out: unknown[] = [];
  for (const event of list) {
    // Without a declared data type an event can arrive as bytes; they hold the same JSON text.
    let value = event instanceof Uint8Array ? new TextDecoder().decode(event) : event;
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value) as unknown;
      } catch {
        // Kept as is: validation rejects it with a reason instead of failing the whole batch.
      }
    }
    if (Array.isArray(value)) out.push(...(value as unknown[]));
    else out.push(value);
  }
  return out;
}

export async function metricsEventHub(events: unknown, context: InvocationContext): Promise<void> {
  const report = await getAnomaly().ingest(flattenEvents(events));
  // Rejected points cannot be answered to a producer here; they are logged with their reasons.
  for (const r of report.results)
    if (r.status === 'rejected' || r.status === 'conflict')
      context.warn(`point ${r.index} ${r.status}: ${r.reason}`);
  // A batch refused whole is not retried (the same bytes would be refused again) and is lost once the checkpoint
  // moves past it: an error, not a warning, and a count an alert rule can watch (suite.batches.refused).
  const refused = tryBatchRejection(report);
  if (refused) {
    recordBatchRefused({ app: 'anomaly', source: 'event-hub' });
    context.error(`metrics: batch refused, nothing stored; its events are not retried: ${refused.message}`);
  }
  context.log(
    `metrics: ${report.stored} stored, ${report.duplicates} duplicates, ${report.conflicts} conflicts, ${report.rejected} rejected, ${report.anomalies} anomalies`,
  );
}

export const metricsEventHubOptions: EventHubFunctionOptions = {
  connection: 'EVENTHUB_CONNECTION',
  eventHubName: '%EVENTHUB_NAME%',
  cardinality: 'many',
  // A thrown batch (database down) is otherwise checkpointed past and its points lost. Ingestion is idempotent,
  // so a rerun stores nothing twice; 20 retries from 10 s doubling to 15 min cover about four hours of outage.
  retry: {
    strategy: 'exponentialBackoff',
    maxRetryCount: 20,
    minimumInterval: 10_000,
    maximumInterval: 900_000,
  },
  handler: metricsEventHub,
};

app.eventHub('metricsEventHub', metricsEventHubOptions);
