import { describe, expect, it } from 'vitest';
import { flattenEvents, metricsEventHubOptions } from './metrics-event-hub.ts';

describe('metricsEventHub input', () => {
  const point = { series: 'cpu.a', timestamp: '2024-05-01T12:00:00Z', value: 1 };

  it('reads binary event bodies as JSON text instead of rejecting every point in them', () => {
    const bytes = new TextEncoder().encode(JSON.stringify([point, point]));
    expect(flattenEvents([Buffer.from(bytes), bytes])).toEqual([point, point, point, point]);
  });

  it('keeps a non-JSON event as one raw item for validation to reject with a reason', () => {
    expect(flattenEvents(['not json', point])).toEqual(['not json', point]);
  });

  it('retries a failed batch (database down) instead of letting the checkpoint move past it', () => {
    // Ingestion is idempotent (ON CONFLICT DO NOTHING), so running a batch again stores nothing twice.
    expect(metricsEventHubOptions.retry).toMatchObject({ strategy: 'exponentialBackoff' });
    expect(metricsEventHubOptions.retry!.maxRetryCount).toBeGreaterThanOrEqual(10);
  });
});
