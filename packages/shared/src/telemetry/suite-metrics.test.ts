// The suite's metrics as an OpenTelemetry SDK exporter receives them: recorded by the real code paths (a handler
// serving requests, a model cache loading a model), read back through the SDK's in-memory exporter.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpRequest, InvocationContext } from '@azure/functions';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineHandler, json } from '../http/index.ts';
import { createFsModelStore, createModelCache } from '../models/index.ts';
import { captureMetrics, type MetricsCapture } from '../testing/metrics-capture.ts';
import {
  recordAnomaliesRaised,
  recordFeedbackReceived,
  recordPrediction,
  SUITE_METRICS,
} from './suite-metrics.ts';

describe('suite metrics', () => {
  let capture: MetricsCapture;
  beforeEach(() => {
    capture = captureMetrics();
  });
  afterEach(() => capture.stop());

  it('records each request with its function and status, also with the request log off', async () => {
    const saved = process.env.REQUEST_LOG;
    process.env.REQUEST_LOG = 'off';
    try {
      const handler = defineHandler({ query: z.object({ k: z.coerce.number().int() }) }, () => json({}));
      const context = () => new InvocationContext({ functionName: 'recommend' });
      await handler(new HttpRequest({ method: 'GET', url: 'http://localhost/x?k=1' }), context());
      await handler(new HttpRequest({ method: 'GET', url: 'http://localhost/x?k=1' }), context());
      await handler(new HttpRequest({ method: 'GET', url: 'http://localhost/x?k=no' }), context());
    } finally {
      if (saved === undefined) delete process.env.REQUEST_LOG;
      else process.env.REQUEST_LOG = saved;
    }
    const counts = await capture.points(SUITE_METRICS.requests);
    expect(counts).toEqual(
      expect.arrayContaining([
        { attributes: { function: 'recommend', status: 200 }, value: 2 },
        { attributes: { function: 'recommend', status: 400 }, value: 1 },
      ]),
    );
    const durations = await capture.points(SUITE_METRICS.requestDuration);
    expect(durations.find((p) => p.attributes.status === 200)?.histogram?.count).toBe(2);
  });

  it('records a model load once per load, with its model, version and cache, not per cached get', async () => {
    const root = await mkdtemp(join(tmpdir(), 'metrics-models-'));
    try {
      const store = createFsModelStore(root);
      const { version } = await store.publish('fm', new TextEncoder().encode('weights'));
      const cache = createModelCache({ store, decode: (data) => data.length, label: 'metrics-test' });
      const loaded = await cache.get('fm');
      await cache.get('fm');
      const [point, ...others] = await capture.points(SUITE_METRICS.modelLoadDuration);
      expect(others).toEqual([]);
      expect(point?.attributes).toEqual({ model: 'fm', version, cache: 'metrics-test' });
      expect(point?.histogram?.count).toBe(1);
      expect(point?.histogram?.sum).toBeCloseTo(loaded.loadMs, 6);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('counts anomalies (none for 0) and feedback, and drops undefined dimensions', async () => {
    recordAnomaliesRaised(0, { app: 'anomaly', via: 'http' });
    recordAnomaliesRaised(3, { app: 'anomaly', via: 'http' });
    recordFeedbackReceived({ app: 'chatbot', kind: 'answer' });
    recordPrediction(4.5, { app: 'chatbot', operation: 'classify', source: undefined });
    expect(await capture.points(SUITE_METRICS.anomaliesRaised)).toEqual([
      { attributes: { app: 'anomaly', via: 'http' }, value: 3 },
    ]);
    expect(await capture.points(SUITE_METRICS.feedbackReceived)).toEqual([
      { attributes: { app: 'chatbot', kind: 'answer' }, value: 1 },
    ]);
    const [prediction] = await capture.points(SUITE_METRICS.predictionDuration);
    expect(prediction).toMatchObject({
      attributes: { app: 'chatbot', operation: 'classify' },
      histogram: { count: 1, sum: 4.5 },
    });
  });

  it('records nothing anywhere once the provider is gone (the API no-op), without failing', async () => {
    await capture.stop();
    expect(() => recordFeedbackReceived({ app: 'chatbot', kind: 'answer' })).not.toThrow();
    capture = captureMetrics();
    expect(await capture.points(SUITE_METRICS.feedbackReceived)).toEqual([]);
  });
});
