// An Event Hubs batch of which every point is refused is lost at the checkpoint: it is logged as an error and
// counted in suite.batches.refused, which the app's alert rules can watch; a batch with one point taken is not.
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFsModelStore } from '@suite/shared/models';
import { SUITE_METRICS } from '@suite/shared/telemetry';
import { captureMetrics, createTestDb, type MetricsCapture } from '@suite/shared/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnomaly, resetAnomaly } from '../service/anomaly.ts';
import { createSeriesModelSource } from '../service/model-registry.ts';
import { PIPELINE_POSTER, PIPELINE_TEST_CONFIG } from '../testing/pipeline-test-kit.ts';
import { metricsEventHub } from './metrics-event-hub.ts';

describe('an Event Hubs batch refused whole', () => {
  let capture: MetricsCapture;
  let dispose: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'anomaly-refused-'));
  beforeAll(async () => {
    capture = captureMetrics();
    const db = await createTestDb('pglite');
    const models = createSeriesModelSource(createFsModelStore(dir));
    resetAnomaly(createAnomaly({ db, models, config: PIPELINE_TEST_CONFIG, poster: PIPELINE_POSTER }));
    dispose = () => db.dispose();
  });
  afterAll(async () => {
    resetAnomaly();
    await dispose();
    await capture.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (events: unknown[]) => {
    const logs: Array<{ level: string; text: string }> = [];
    const context = new InvocationContext({
      functionName: 'metricsEventHub',
      logHandler: (level, ...args) => logs.push({ level, text: args.join(' ') }),
    });
    await metricsEventHub(events, context);
    return logs;
  };

  it('logs an error naming why and counts it, where it only logged a summary line', async () => {
    const logs = await run([
      JSON.stringify([{ series: 'cpu.a', timestamp: 1714564800, value: 1 }]),
      'not json',
    ]);
    const errors = logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.text).toMatch(/batch refused, nothing stored.*every point was rejected \(2\)/);
    const points = await capture.points(SUITE_METRICS.batchesRefused);
    expect(points).toEqual([
      expect.objectContaining({ attributes: { app: 'anomaly', source: 'event-hub' }, value: 1 }),
    ]);
  });

  it('counts nothing for a batch with one point taken', async () => {
    const logs = await run([
      { series: 'cpu.b', timestamp: '2024-05-01T12:00:00Z', value: 1 },
      { series: 'cpu.b', timestamp: 'yesterday', value: 1 },
    ]);
    expect(logs.filter((l) => l.level === 'error')).toEqual([]);
    const points = await capture.points(SUITE_METRICS.batchesRefused);
    expect(points.map((p) => p.value)).toEqual([1]);
  });
});
