import { describe, expect, it } from 'vitest';
import { SUITE_METRICS } from '@suite/shared/telemetry';
import { captureMetrics, testEngines } from '@suite/shared/testing';
import { bodyOf, ctx, request, useTestAnomaly } from '../testing/http-test-kit.ts';
import { postMetrics } from './metrics.ts';
import { getSeries } from './series.ts';
import { getSeriesAnomalies } from './series-anomalies.ts';
import { getSeriesIncidents } from './series-incidents.ts';
import { getSeriesScores } from './series-scores.ts';

/** Ingest writes shared data: with API_KEYS off (these tests) it takes the admin key. */
const ADMIN = { 'x-admin-key': 'test-admin' };

// POST /api/metrics, then the reads of what it stored. The series id is fixed, so the forest's seed is too.
describe.each(testEngines())('metrics and series reads over HTTP on %s', (engine) => {
  useTestAnomaly(engine, { ANOMALY_MIN_POINTS: '40', ANOMALY_TREES: '50' });
  const series = 'web.1';
  const points = Array.from({ length: 80 }, (_, i) => ({
    series,
    timestamp: new Date(Date.UTC(2024, 0, 1, 0, i)).toISOString(),
    value: i === 70 ? 500 : 10 + Math.sin(i / 5),
  }));

  it('POST /api/metrics stores, scores and reports each point; a resend is a duplicate', async () => {
    const capture = captureMetrics();
    const res = await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: { points } }), ctx());
    // What the operator sees: the anomalies the answer reports, and one scoring latency for the fresh batch.
    const raised = await capture.points(SUITE_METRICS.anomaliesRaised);
    const scoring = await capture.points(SUITE_METRICS.predictionDuration);
    await capture.stop();
    expect(res.status).toBe(200);
    expect(raised).toEqual([{ attributes: { app: 'anomaly' }, value: bodyOf(res)['anomalies'] }]);
    expect(raised[0]?.value).toBeGreaterThan(0);
    expect(scoring.map((p) => p.attributes)).toEqual([
      { app: 'anomaly', operation: 'score', source: 'warm-up' },
    ]);
    expect(scoring[0]?.histogram?.count).toBe(1);
    const body = bodyOf(res);
    expect(body['stored']).toBe(80);
    const results = body['results'] as Array<Record<string, unknown>>;
    expect(results[0]).toMatchObject({ verdict: 'warming-up' });
    expect(results[70]).toMatchObject({ verdict: 'anomaly' });
    const again = bodyOf(
      await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: points.slice(0, 5) }), ctx()),
    );
    expect(again).toMatchObject({ stored: 0, duplicates: 5 });
  });

  it('refuses an anonymous or wrongly keyed POST /api/metrics with API_KEYS off, storing nothing', async () => {
    const spoof = [{ series: 'spoofed.1', timestamp: '2024-01-01T00:00:00Z', value: 1e9 }];
    const anonymous = await postMetrics(request('POST', '/metrics', { body: spoof }), ctx());
    expect(anonymous.status).toBe(401);
    expect(JSON.stringify(anonymous.jsonBody)).toContain('x-admin-key');
    const wrong = await postMetrics(
      request('POST', '/metrics', { headers: { 'x-admin-key': 'guess' }, body: spoof }),
      ctx(),
    );
    expect(wrong.status).toBe(401);
    const list = JSON.stringify(bodyOf(await getSeries(request('GET', '/series?limit=1000'), ctx())));
    expect(list).not.toContain('spoofed.1');
  });

  it('a resent timestamp with a different value is a conflict naming value, not a silent duplicate', async () => {
    const p0 = points[0]!;
    const fresh = { ...p0, timestamp: '2024-01-01T02:00:00Z', value: 1 };
    const body = [
      { ...p0, value: p0.value + 1 }, // differs from the stored point
      fresh,
      { ...fresh, value: 2 }, // differs from its twin earlier in this batch
      { ...p0 }, // same value: a plain duplicate
    ];
    const res = bodyOf(await postMetrics(request('POST', '/metrics', { headers: ADMIN, body }), ctx()));
    expect(res).toMatchObject({ stored: 1, duplicates: 1, conflicts: 2 });
    const results = res['results'] as Array<Record<string, unknown>>;
    expect(results.map((r) => r['status'])).toEqual(['conflict', 'stored', 'conflict', 'duplicate']);
    expect(String(results[0]!['reason'])).toMatch(/^value: .*already stored with value/);
  });

  it('answers 400 naming each point when every point is rejected, and 200 listing them when some are taken', async () => {
    // Epoch seconds from date +%s: before, a 200 with stored 0 that a client checking the status took for success.
    const seconds = [1_714_564_800, 1_714_564_860, 1_714_564_920].map((timestamp) => ({
      series: 'seconds.1',
      timestamp,
      value: 1,
    }));
    const refused = await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: seconds }), ctx());
    expect(refused.status).toBe(400);
    expect(refused.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    const problem = bodyOf(refused);
    expect(problem).toMatchObject({ code: 'points_rejected', rejected: 3 });
    expect(String(problem['detail'])).toMatch(
      /^every point was rejected \(3\), nothing was stored: points\.0\.timestamp: timestamp 1714564800 looks like epoch seconds/,
    );
    const errors = problem['errors'] as Array<{ path: string; message: string }>;
    expect(errors.map((e) => e.path)).toEqual([
      'points.0.timestamp',
      'points.1.timestamp',
      'points.2.timestamp',
    ]);
    // Mixed reasons, and an item that is no point at all, are named each with its own field.
    const mixed = bodyOf(
      await postMetrics(
        request('POST', '/metrics', {
          headers: ADMIN,
          body: [42, { series: 'seconds.1', timestamp: '2024-01-01T00:00:00Z', value: 'high' }],
        }),
        ctx(),
      ),
    );
    expect((mixed['errors'] as Array<{ path: string }>).map((e) => e.path)).toEqual([
      'points.0',
      'points.1.value',
    ]);
    const list = JSON.stringify(bodyOf(await getSeries(request('GET', '/series?limit=1000'), ctx())));
    expect(list).not.toContain('seconds.1');
    // One good point among them: a 200, each rejected point with its field and reason.
    const good = { series: 'seconds.1', timestamp: '2024-01-01T00:00:00Z', value: 1 };
    const partial = await postMetrics(
      request('POST', '/metrics', { headers: ADMIN, body: [...seconds, good] }),
      ctx(),
    );
    expect(partial.status).toBe(200);
    expect(bodyOf(partial)).toMatchObject({ stored: 1, rejected: 3 });
    expect((bodyOf(partial)['results'] as unknown[])[0]).toMatchObject({
      status: 'rejected',
      field: 'timestamp',
    });
    // A resend of taken points is no bad request: duplicates answer 200, with a rejected point beside them or not.
    for (const body of [[good], [good, seconds[0]]]) {
      const resent = await postMetrics(request('POST', '/metrics', { headers: ADMIN, body }), ctx());
      expect(resent.status).toBe(200);
    }
  });

  it('takes one point object on its own as a batch of one, as the Event Hubs trigger does', async () => {
    const lone = { series: 'lone.1', timestamp: '2024-01-01T00:00:00Z', value: 1 };
    const res = await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: lone }), ctx());
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toMatchObject({
      stored: 1,
      results: [{ index: 0, series: 'lone.1', status: 'stored' }],
    });
    // A lone bad point is a batch whose every point is rejected, named as such.
    const bad = await postMetrics(
      request('POST', '/metrics', { headers: ADMIN, body: { ...lone, value: 'x' } }),
      ctx(),
    );
    expect(bad.status).toBe(400);
    expect(bodyOf(bad)['errors']).toEqual([
      { path: 'points.0.value', message: expect.stringMatching(/^value must/) },
    ]);
    // Anything else still names points.
    const other = await postMetrics(
      request('POST', '/metrics', { headers: ADMIN, body: { metrics: [] } }),
      ctx(),
    );
    expect(JSON.stringify(other.jsonBody)).toMatch(/"path":"points"/);
  });

  it('POST /api/metrics answers 400 problem+json for a malformed body, naming the field', async () => {
    const bad = await postMetrics(
      request('POST', '/metrics', { headers: ADMIN, body: '{"points": 3}' }),
      ctx(),
    );
    expect(bad.status).toBe(400);
    const empty = await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: [] }), ctx());
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.jsonBody)).toMatch(/at least one point/);
    // Over the limit, the answer named neither the field nor the limit ("body: Invalid input").
    const tooMany = Array.from({ length: 5001 }, () => points[0]);
    for (const b of [tooMany, { points: tooMany }]) {
      const over = await postMetrics(request('POST', '/metrics', { headers: ADMIN, body: b }), ctx());
      expect(over.status).toBe(400);
      expect(JSON.stringify(over.jsonBody)).toMatch(
        /"path":"points","message":"send at most 5000 points per request"/,
      );
    }
  });

  it('GET series, anomalies and scores read back what was stored', async () => {
    const list = bodyOf(await getSeries(request('GET', '/series?limit=1000'), ctx()));
    expect((list['series'] as Array<{ id: string }>).some((s) => s.id === series)).toBe(true);
    const anomalies = bodyOf(
      await getSeriesAnomalies(
        request('GET', '/series/x/anomalies?from=2024-01-01T01:00:00Z', { params: { id: series } }),
        ctx(),
      ),
    );
    expect((anomalies['anomalies'] as Array<{ timestamp: string }>)[0]?.timestamp).toBe(
      '2024-01-01T01:10:00.000Z',
    );
    const scores = bodyOf(
      await getSeriesScores(
        request('GET', '/series/x/scores?from=2024-01-01T00:10:00Z&to=2024-01-01T00:20:00Z', {
          params: { id: series },
        }),
        ctx(),
      ),
    );
    expect(scores['scores']).toHaveLength(10);
    const missing = await getSeriesScores(
      request('GET', '/series/x/scores', { params: { id: 'none.1' } }),
      ctx(),
    );
    expect(missing.status).toBe(404);
    const badRange = await getSeriesScores(
      request('GET', '/series/x/scores?from=yesterday', { params: { id: series } }),
      ctx(),
    );
    expect(badRange.status).toBe(400);
    // Valid ISO text the database cannot hold (year 0, year 10000 once in UTC) was a 500.
    for (const qs of ['?from=0000-01-01T00:00:00Z', '?to=9999-12-31T23:00:00-05:00']) {
      const outside = await getSeriesScores(
        request('GET', `/series/x/scores${qs}`, { params: { id: series } }),
        ctx(),
      );
      expect(outside.status).toBe(400);
      expect(outside.headers).toMatchObject({ 'content-type': 'application/problem+json' });
      expect(JSON.stringify(outside.jsonBody)).toMatch(/query\.(from|to)/);
    }
  });

  it('GET incidents lists the spike as one incident and checks status and range, naming the field', async () => {
    const get = (qs: string, id = series) =>
      getSeriesIncidents(request('GET', `/series/x/incidents${qs}`, { params: { id } }), ctx());
    // Points other than the spike may flag too (the warm-up, its neighbours): look for the spike's incident.
    const all = bodyOf(await get('?status=all&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z'));
    const incidents = all['incidents'] as Array<{ openedAt: string; lastAnomalyAt: string; status: string }>;
    const spike = '2024-01-01T01:10:00.000Z';
    expect(incidents.some((i) => i.openedAt <= spike && i.lastAnomalyAt >= spike)).toBe(true);
    const before = bodyOf(await get('?to=2024-01-01T01:10:00Z'));
    for (const i of before['incidents'] as typeof incidents) expect(i.openedAt < spike).toBe(true);
    const open = bodyOf(await get('?status=open'));
    for (const i of open['incidents'] as typeof incidents) expect(i.status).toBe('open');
    const badStatus = await get('?status=pending');
    expect(badStatus.status).toBe(400);
    expect(badStatus.headers).toMatchObject({ 'content-type': 'application/problem+json' });
    expect(JSON.stringify(badStatus.jsonBody)).toContain('status');
    const inverted = await get('?from=2024-01-02T00:00:00Z&to=2024-01-01T00:00:00Z');
    expect(inverted.status).toBe(400);
    expect(JSON.stringify(inverted.jsonBody)).toContain('from');
    expect((await get('', 'none.1')).status).toBe(404);
  });
});
