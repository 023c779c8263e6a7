// Offline scoring on real database engines: a device detector built from GET /api/edge/series/{id} scores new
// values (a spike among them) exactly as POST /api/metrics scores the same points, one request at a time.
import { describe, expect, it } from 'vitest';
import { testEngines } from '@suite/shared/testing';
import { bodyOf, ctx, request, useTestAnomaly } from '../testing/http-test-kit.ts';
import { edgeSeries } from '../functions/edge-series.ts';
import { postMetrics } from '../functions/metrics.ts';
import type { EdgeSeriesBundle } from './edge-series.ts';
import { createDeviceDetector } from './device-detector.ts';

/** Points are a write to shared data: with API_KEYS off (these tests) they take the admin key. */
const ADMIN = { 'x-admin-key': 'test-admin' };

const minute = (i: number) => Date.UTC(2024, 0, 1, 0, i);
const valueAt = (i: number) => 10 + Math.sin(i / 5) + (i === 95 ? 40 : 0);

describe.each(testEngines())('offline scoring on %s', (engine) => {
  useTestAnomaly(engine, { ANOMALY_MIN_POINTS: '40', ANOMALY_TREES: '50' });
  const series = 'edge.cpu';
  const bundleOf = async (id: string) =>
    edgeSeries(request('GET', `/edge/series/${id}`, { params: { id } }), ctx());

  it('answers 404 for an unknown series and 409 while it warms up', async () => {
    expect((await bundleOf('nobody')).status).toBe(404);
    const early = Array.from({ length: 10 }, (_, i) => ({
      series,
      timestamp: new Date(minute(i)).toISOString(),
      value: valueAt(i),
    }));
    expect(
      (await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: early }), ctx())).status,
    ).toBe(200);
    expect((await bundleOf(series)).status).toBe(409);
  });

  it('scores each new value on the device as the server scores it', async () => {
    const warm = Array.from({ length: 70 }, (_, j) => {
      const i = j + 10;
      return { series, timestamp: new Date(minute(i)).toISOString(), value: valueAt(i) };
    });
    expect(
      (await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: warm }), ctx())).status,
    ).toBe(200);
    const res = await bundleOf(series);
    expect(res.status).toBe(200);
    const bundle = bodyOf(res) as unknown as EdgeSeriesBundle;
    expect(bundle.history).toHaveLength(64);
    const device = createDeviceDetector(bundle);
    const verdicts = new Set<string>();
    for (let i = 80; i < 100; i++) {
      const local = device.score(minute(i), valueAt(i));
      const point = { series, timestamp: new Date(minute(i)).toISOString(), value: valueAt(i) };
      const server = bodyOf(
        await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: [point] }), ctx()),
      );
      const [result] = server['results'] as Array<Record<string, unknown>>;
      expect({ score: local.score, z: local.z, threshold: local.threshold, verdict: local.verdict }).toEqual({
        score: result!['score'],
        z: result!['z'],
        threshold: result!['threshold'],
        verdict: result!['verdict'],
      });
      verdicts.add(local.verdict);
    }
    expect([...verdicts].sort()).toEqual(['anomaly', 'normal']);
    expect(() => device.score(minute(50), 1)).toThrow(RangeError);
  });
});
